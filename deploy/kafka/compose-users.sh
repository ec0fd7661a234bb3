#!/bin/bash
# One-shot, after the broker is up (kafka-setup in docker-compose.yml): gives each Kafka
# user of the suite its SCRAM-SHA-512 password and its ACLs (acls.txt, which deploy-tests
# checks against platform's TopicAccess). Safe to run again: a password is replaced, an
# ACL that exists is kept. Rotating a password: change its variable, `docker-compose up -d`
# runs this again and restarts the service that uses it.
set -euo pipefail

: "${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD must be set: see README, Secrets}"
bin=/opt/kafka/bin
bootstrap=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
acls=${KAFKA_ACLS_FILE:-/etc/xorstack/kafka/acls.txt}

umask 077
admin=$(mktemp)
trap 'rm -f "$admin"' EXIT
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES

# KAFKA_PASSWORD_FEEDBACK_SERVICE for user feedback-service, and so on
for user in $(awk '!/^#/ && NF { print $1 }' "$acls" | sort -u); do
	variable=KAFKA_PASSWORD_$(tr 'a-z-' 'A-Z_' <<< "$user")
	password=${!variable:?$variable must be set: see README, Secrets}
	"$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
		--entity-type users --entity-name "$user" \
		--add-config "SCRAM-SHA-512=[iterations=8192,password=$password]" > /dev/null
	echo "Kafka user $user: password set"
done

while read -r principal resource pattern name operations; do
	[[ -z $principal || $principal == \#* ]] && continue
	args=(--bootstrap-server "$bootstrap" --command-config "$admin" --add --allow-principal "User:$principal"
		--resource-pattern-type "$pattern" "--$resource" "$name")
	IFS=, read -ra each <<< "$operations"
	for operation in "${each[@]}"; do
		args+=(--operation "$operation")
	done
	"$bin/kafka-acls.sh" "${args[@]}" > /dev/null
	echo "Kafka ACL: $principal $operations $resource $name ($pattern)"
done < "$acls"
