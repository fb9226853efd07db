#!/usr/bin/env bash
# Gives a running Payara Server 6 domain the MySQL or MariaDB datasource of the jdbc dedupe
# store, for several servers behind a load balancer that share one database
# (restore-mysql-datasource.sh undoes it). It is configure-postgresql-datasource.sh for the other
# database: the same pool, password alias and JNDI name, so no setting of the receiver changes
# with the database.
#
# The database password is read from standard input and kept as the password alias
# gme-callback-db-password, never on the command line:
#
#   IFS= read -rs DBPASS; printf '%s\n' "$DBPASS" | \
#       GME_DB_URL=jdbc:mariadb://db.example.com:3306/gme GME_DB_USER=gme \
#       GME_DB_DRIVER=/path/to/mariadb-java-client-3.5.x.jar \
#       server-config/payara/configure-mysql-datasource.sh --port 4848
#
# With MySQL Connector/J, GME_DB_URL=jdbc:mysql://db.example.com:3306/gme and
# GME_DB_DRIVER=/path/to/mysql-connector-j-9.x.jar. The URL's scheme names the driver, and so
# the pool's datasource class: org.mariadb.jdbc.MariaDbDataSource for jdbc:mariadb:,
# com.mysql.cj.jdbc.MysqlDataSource for jdbc:mysql:. The connection is given as a URL, not as
# host, port and database, because MariaDB's datasource takes nothing else.
#
# The password may hold any printable ASCII character, the other values anything but "${"
# (Payara would resolve it as a reference); the script escapes each as asadmin reads it, so
# the pool gets them exactly. The driver is added to the domain's common libraries.
#
# Then set gme.callback.dedupe.store=jdbc and gme.callback.dedupe.datasource=jdbc/gme-callback
# (asadmin set-config-property --source=domain ...) and redeploy the receiver.
# ASADMIN names the asadmin to run.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/gme-callback-datasource.sh"
: "${GME_DB_URL:?set GME_DB_URL}" "${GME_DB_USER:?set GME_DB_USER}"
: "${GME_DB_DRIVER:?set GME_DB_DRIVER to the MariaDB or MySQL Connector/J jar}"
case $GME_DB_URL in
    jdbc:mariadb:*) class=org.mariadb.jdbc.MariaDbDataSource ;;
    jdbc:mysql:*) class=com.mysql.cj.jdbc.MysqlDataSource ;;
    *)
        echo "$(basename "$0"): GME_DB_URL starts with jdbc:mariadb: (MariaDB Connector/J) or jdbc:mysql: (MySQL Connector/J)" >&2
        exit 2
        ;;
esac

read_database_password
# The other values for the --property list, whose : and = would otherwise split or cut them
# (the URL holds a : at least twice).
url=$(property_list_value GME_DB_URL "$GME_DB_URL") || exit 2
user=$(property_list_value GME_DB_USER "$GME_DB_USER") || exit 2
create_datasource "$class" "url=$url:user=$user" "$@"
