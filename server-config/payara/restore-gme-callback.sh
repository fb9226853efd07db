#!/usr/bin/env bash
# Undoes configure-gme-callback.sh: deletes the key's password alias and the size limit.
# Redeploy the receiver afterwards; without a key it answers 503.
#
#   server-config/payara/restore-gme-callback.sh [asadmin options, e.g. --port 4848]
#   asadmin redeploy --name gme gme.war
set -euo pipefail

asadmin=${ASADMIN:-asadmin}

"$asadmin" "$@" delete-password-alias gme.callback.secret-key
"$asadmin" "$@" delete-config-property --source=domain --propertyName=gme.callback.max-body-bytes
echo "gme-callback: restored; redeploy the receiver"
