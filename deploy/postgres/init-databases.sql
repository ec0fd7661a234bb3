-- docker-compose: one PostgreSQL server, one database per service (DESIGN.md §1), and one for
-- Keycloak. Run once by the postgres image on an empty data volume.
create database feedback;
create database ailog;
create database metrics;
create database auth;
create database keycloak;
