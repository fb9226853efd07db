#!/usr/bin/env bash
# Undoes configure-mysql-datasource.sh (the driver library stays; remove it with
# `asadmin remove-library --type common mariadb-java-client-3.5.x.jar`, or the MySQL
# Connector/J jar you added). Switch the receiver back to gme.callback.dedupe.store=memory first.
#
#   server-config/payara/restore-mysql-datasource.sh [asadmin options, e.g. --port 4848]
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/gme-callback-datasource.sh"
remove_datasource "$@"
