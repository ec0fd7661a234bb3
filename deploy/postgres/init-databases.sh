#!/usr/bin/env bash
# docker-compose: one PostgreSQL server, one database per service (DESIGN.md §1), and one for
# Keycloak, owned by its role keycloak. Run once by the postgres image on an empty data volume.
#
# Each service database gets two roles, neither a superuser: <db>_owner owns the database
# and runs the service's Flyway migrations; <db>_app is what the service runs as, with only
# the grants the migrations' afterMigrate callback gives it. Only these two may connect.
# Their passwords come from the environment (docker-compose.yml); none has a default here.
set -euo pipefail

for database in feedback ailog metrics auth; do
	upper=${database^^}
	owner_password_variable="${upper}_DB_OWNER_PASSWORD"
	app_password_variable="${upper}_DB_PASSWORD"
	# psql quotes the variables itself (:"name" as an identifier, :'name' as a literal)
	psql --no-psqlrc --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
		--set database="$database" --set owner="${database}_owner" --set app="${database}_app" \
		--set owner_password="${!owner_password_variable:?set $owner_password_variable}" \
		--set app_password="${!app_password_variable:?set $app_password_variable}" <<'SQL'
create role :"owner" login nosuperuser nocreatedb nocreaterole password :'owner_password';
create role :"app" login nosuperuser nocreatedb nocreaterole password :'app_password';
create database :"database" owner :"owner";
revoke all on database :"database" from public;
grant connect on database :"database" to :"app";
SQL
done

# Keycloak owns its database as a role of its own, not as the superuser: it creates and
# migrates its schema at start, which the owner of the database (and so of schema public)
# may do.
psql --no-psqlrc --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
	--set password="${KEYCLOAK_DB_PASSWORD:?set KEYCLOAK_DB_PASSWORD}" <<'SQL'
create role keycloak login nosuperuser nocreatedb nocreaterole password :'password';
create database keycloak owner keycloak;
revoke all on database keycloak from public;
SQL
