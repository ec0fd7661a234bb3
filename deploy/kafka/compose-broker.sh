#!/bin/bash
# The compose broker: one KRaft node secured as in the devstack and in Kubernetes.
# SASL/SCRAM-SHA-512 for clients and between brokers, SASL/PLAIN on the controller
# listener (KRaft controllers cannot check SCRAM credentials, which live in the metadata
# they serve), an ACL for everything. The administrator's SCRAM credential is written
# into the storage when it is formatted, the first time; kafka-setup (compose-users.sh)
# then signs in as the administrator to make the services' users and ACLs.
#
# Two client listeners: SASL_PLAINTEXT on 9092, advertised as kafka:9092 to the services
# on the compose network, and EXTERNAL on 9094, advertised as KAFKA_EXTERNAL_ADVERTISED
# (host:port as edge functions outside the network reach it), with the same SCRAM users
# and ACLs: the edge-functions user may only write its three topics.
set -euo pipefail

: "${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD must be set: see README, Secrets}"
: "${CLUSTER_ID:?CLUSTER_ID must be set}"
: "${KAFKA_EXTERNAL_ADVERTISED:?KAFKA_EXTERNAL_ADVERTISED must be set (host:port of the external listener)}"
case $KAFKA_ADMIN_PASSWORD in
	*[\"\\]*) echo "KAFKA_ADMIN_PASSWORD must not contain \" or \\" >&2; exit 1 ;;
esac

config=/tmp/xorstack-server.properties
umask 077
cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=SASL_PLAINTEXT://:9092,EXTERNAL://:9094,CONTROLLER://localhost:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092,EXTERNAL://$KAFKA_EXTERNAL_ADVERTISED
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD" user_admin="$KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=/var/lib/kafka/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
PROPERTIES

/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$CLUSTER_ID" -c "$config" \
	--add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
