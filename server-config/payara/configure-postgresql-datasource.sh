#!/usr/bin/env bash
# Gives a running Payara Server 6 domain the PostgreSQL datasource of the jdbc dedupe store,
# for several servers behind a load balancer that share one database
# (restore-postgresql-datasource.sh undoes it).
#
# The database password is read from standard input and kept as the password alias
# gme-callback-db-password, never on the command line:
#
#   IFS= read -rs DBPASS; printf '%s\n' "$DBPASS" | \
#       GME_DB_HOST=db.example.com GME_DB_NAME=gme GME_DB_USER=gme \
#       GME_DB_DRIVER=/path/to/postgresql-42.7.x.jar \
#       server-config/payara/configure-postgresql-datasource.sh --port 4848
#
# The password may hold any printable ASCII character, the other values anything but "${"
# (Payara would resolve it as a reference); the script escapes each as asadmin reads it, so
# the pool gets them exactly. The PostgreSQL driver is added to the domain's common libraries.
#
# Then set gme.callback.dedupe.store=jdbc and gme.callback.dedupe.datasource=jdbc/gme-callback
# (asadmin set-config-property --source=domain ...) and redeploy the receiver.
# GME_DB_PORT defaults to 5432; ASADMIN names the asadmin to run.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/gme-callback-datasource.sh"
: "${GME_DB_HOST:?set GME_DB_HOST}" "${GME_DB_NAME:?set GME_DB_NAME}" "${GME_DB_USER:?set GME_DB_USER}"
: "${GME_DB_DRIVER:?set GME_DB_DRIVER to the PostgreSQL JDBC driver jar}"

read_database_password
# The other values for the --property list, whose : and = would otherwise split or cut them.
host=$(property_list_value GME_DB_HOST "$GME_DB_HOST") || exit 2
port=$(property_list_value GME_DB_PORT "${GME_DB_PORT:-5432}") || exit 2
name=$(property_list_value GME_DB_NAME "$GME_DB_NAME") || exit 2
user=$(property_list_value GME_DB_USER "$GME_DB_USER") || exit 2
create_datasource org.postgresql.ds.PGSimpleDataSource \
    "serverName=$host:portNumber=$port:databaseName=$name:user=$user" "$@"
