#!/usr/bin/env bash
# Backs up every database of the suite with pg_dump (custom format, compressed), checks
# that each dump reads back (pg_restore --list), and keeps BACKUP_KEEP_DAYS of them.
# The roles (with their password hashes) go to globals-<time>.sql beside them: a server
# rebuilt from nothing needs them before the first restore (docs/BACKUPS.md).
#
# docker-compose runs it as the db-backup service, once at start and then every
# BACKUP_INTERVAL_SECONDS; `backup.sh --once` runs it once (cron, the restore drill test).
# With BACKUP_PUSHGATEWAY (host:port) it pushes xorstack_backup_last_success_timestamp_seconds
# and xorstack_backup_failures_total per database to a Prometheus Pushgateway.
#
# Connection: the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD (a superuser, or
# a role that may read every table: pg_read_all_data).
set -uo pipefail

BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_DATABASES=${BACKUP_DATABASES:-feedback ailog metrics auth keycloak}
BACKUP_KEEP_DAYS=${BACKUP_KEEP_DAYS:-14}
BACKUP_INTERVAL_SECONDS=${BACKUP_INTERVAL_SECONDS:-86400}
BACKUP_PUSHGATEWAY=${BACKUP_PUSHGATEWAY:-}
BACKUP_GLOBALS=${BACKUP_GLOBALS:-true}

log() { printf '%s backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }

# Plain bash (/dev/tcp): the postgres image has no curl. Best effort: a backup is not
# failed because the Pushgateway is down.
push() {
  local database=$1 body=$2 host=${BACKUP_PUSHGATEWAY%:*} port=${BACKUP_PUSHGATEWAY##*:}
  [[ -n $BACKUP_PUSHGATEWAY ]] || return 0
  if ! exec 3<>"/dev/tcp/$host/$port"; then
    log "cannot reach the Pushgateway at $BACKUP_PUSHGATEWAY"
    return 0
  fi
  printf 'POST /metrics/job/xorstack-backup/database/%s HTTP/1.0\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s' \
    "$database" "$host" "${#body}" "$body" >&3
  head -n 1 <&3 >/dev/null
  exec 3>&-
}

# The failure counter lives beside the dumps, so it survives a restart of the service.
count_failure() {
  local database=$1 file="$BACKUP_DIR/$1/failures" failures
  failures=$(( $(cat "$file" 2>/dev/null || echo 0) + 1 ))
  echo "$failures" > "$file"
  push "$database" "# TYPE xorstack_backup_failures_total counter
xorstack_backup_failures_total $failures
"
}

backup_database() {
  local database=$1 stamp dir final partial
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  dir="$BACKUP_DIR/$database"
  final="$dir/$database-$stamp.dump"
  partial="$final.partial"
  mkdir -p "$dir"
  # a dump that pg_restore cannot list is not a backup: it never gets the final name
  if pg_dump --format=custom --compress=6 --dbname="$database" --file="$partial" \
      && pg_restore --list "$partial" > /dev/null \
      && mv "$partial" "$final"; then
    (cd "$dir" && sha256sum "$(basename "$final")" > "$(basename "$final").sha256")
    log "$database: $(stat -c %s "$final") bytes in $final"
    push "$database" "# TYPE xorstack_backup_last_success_timestamp_seconds gauge
xorstack_backup_last_success_timestamp_seconds $(date +%s)
# TYPE xorstack_backup_failures_total counter
xorstack_backup_failures_total $(cat "$dir/failures" 2>/dev/null || echo 0)
"
    find "$dir" -name "$database-*.dump*" -mtime "+$BACKUP_KEEP_DAYS" -delete
    return 0
  fi
  rm -f "$partial"
  log "$database: FAILED"
  count_failure "$database"
  return 1
}

backup_globals() {
  local stamp file
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  file="$BACKUP_DIR/globals/globals-$stamp.sql"
  mkdir -p "$BACKUP_DIR/globals"
  if pg_dumpall --globals-only --file="$file.partial" && mv "$file.partial" "$file"; then
    chmod 600 "$file"
    find "$BACKUP_DIR/globals" -name 'globals-*.sql' -mtime "+$BACKUP_KEEP_DAYS" -delete
  else
    rm -f "$file.partial"
    log "globals: FAILED"
    count_failure globals
    return 1
  fi
}

backup_all() {
  local failed=0 database
  umask 077
  if [[ $BACKUP_GLOBALS == true ]]; then
    backup_globals || failed=1
  fi
  for database in $BACKUP_DATABASES; do
    backup_database "$database" || failed=1
  done
  return $failed
}

if [[ ${1:-} == --once ]]; then
  backup_all
  exit $?
fi
while true; do
  backup_all
  sleep "$BACKUP_INTERVAL_SECONDS"
done
