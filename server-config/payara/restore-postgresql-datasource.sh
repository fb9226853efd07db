#!/usr/bin/env bash
# Undoes configure-postgresql-datasource.sh (the driver library stays; remove it with
# `asadmin remove-library --type common postgresql-42.7.x.jar`). Switch the receiver back to
# gme.callback.dedupe.store=memory first.
#
#   server-config/payara/restore-postgresql-datasource.sh [asadmin options, e.g. --port 4848]
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/gme-callback-datasource.sh"
remove_datasource "$@"
