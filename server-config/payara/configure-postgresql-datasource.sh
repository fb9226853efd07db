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
# Then set gme.callback.dedupe.store=jdbc and gme.callback.dedupe.datasource=jdbc/gme-callback
# (asadmin set-config-property --source=domain ...) and redeploy the receiver.
# GME_DB_PORT defaults to 5432; ASADMIN names the asadmin to run.
set -euo pipefail

asadmin=${ASADMIN:-asadmin}
: "${GME_DB_HOST:?set GME_DB_HOST}" "${GME_DB_NAME:?set GME_DB_NAME}" "${GME_DB_USER:?set GME_DB_USER}"
: "${GME_DB_DRIVER:?set GME_DB_DRIVER to the PostgreSQL JDBC driver jar}"

IFS= read -r password || true
if [ -z "$password" ]; then
    echo "configure-postgresql-datasource.sh: give the database password on standard input" >&2
    exit 2
fi
passwords=$(mktemp)
trap 'rm -f "$passwords"' EXIT
chmod 600 "$passwords"
printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$password" > "$passwords"
unset password

"$asadmin" "$@" add-library --type common "$GME_DB_DRIVER"
"$asadmin" "$@" --passwordfile "$passwords" create-password-alias gme-callback-db-password
"$asadmin" "$@" create-jdbc-connection-pool \
    --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource \
    --property "serverName=$GME_DB_HOST:portNumber=${GME_DB_PORT:-5432}:databaseName=$GME_DB_NAME:user=$GME_DB_USER:password=\${ALIAS=gme-callback-db-password}" \
    gme-callback-pool
"$asadmin" "$@" create-jdbc-resource --connectionpoolid gme-callback-pool jdbc/gme-callback
"$asadmin" "$@" ping-connection-pool gme-callback-pool
echo "gme-callback: datasource jdbc/gme-callback configured"
