#!/usr/bin/env bash
# Restores one database from a dump of backup.sh: checks its SHA-256, then creates the
# database (with its owner, grants and every row) from the dump. The database must not
# exist: drop or rename the damaged one first (docs/BACKUPS.md). The roles must exist;
# on a server rebuilt from nothing, load the newest globals-*.sql first.
#
#   deploy/postgres/restore.sh /backups/auth/auth-20261207T031500Z.dump
#
# Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD of a superuser.
set -euo pipefail

dump=${1:?usage: restore.sh <database>-<time>.dump}
if [[ -f $dump.sha256 ]]; then
  (cd "$(dirname "$dump")" && sha256sum --check --quiet "$(basename "$dump").sha256")
fi
# --create: CREATE DATABASE with the dumped name and owner, and its grants (CONNECT);
# --exit-on-error: a half restore must not pass for a restore
pg_restore --create --exit-on-error --dbname=postgres "$dump"
echo "restored $(basename "$dump")" >&2
