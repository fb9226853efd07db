#!/usr/bin/env bash
# Removes an operator that add-operator.sh added from a running Payara Server 6 domain.
#   server-config/payara/remove-operator.sh alice [asadmin options]
set -euo pipefail

asadmin=${ASADMIN:-asadmin}
user=${1:-}
if [ -z "$user" ] || ! [[ "$user" =~ ^[A-Za-z0-9._@][A-Za-z0-9._@-]*$ ]]; then
    echo "usage: remove-operator.sh USER [asadmin options]" >&2
    exit 2
fi
shift
"$asadmin" "$@" delete-file-user "$user"
echo "gme-callback: $user is no operator any more"
