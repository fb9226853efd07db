#!/usr/bin/env bash
# Adds (or replaces) an operator of the GME console to a running Payara Server 6 domain: a user
# of the file realm in the group gme-operator, which the receiver's WAR maps to the role
# gme-operator (WEB-INF/glassfish-web.xml). remove-operator.sh takes it away again.
#
# The password is read from standard input, never from the command line:
#   IFS= read -rs PASSWORD; printf '%s\n' "$PASSWORD" | server-config/payara/add-operator.sh alice
#
# asadmin options (--host, --port, --user ...) may follow the user name; ASADMIN names the
# asadmin to run (default: asadmin on the PATH).
set -euo pipefail

asadmin=${ASADMIN:-asadmin}
user=${1:-}
if [ -z "$user" ]; then
    echo "usage: add-operator.sh USER [asadmin options] < password" >&2
    exit 2
fi
shift

IFS= read -r password || true
if [ -z "$password" ]; then
    echo "add-operator.sh: give the password on standard input" >&2
    exit 2
fi
passwords=$(mktemp)
trap 'rm -f "$passwords"' EXIT
chmod 600 "$passwords"
printf 'AS_ADMIN_USERPASSWORD=%s\n' "$password" > "$passwords"
unset password

"$asadmin" "$@" delete-file-user "$user" >/dev/null 2>&1 || true
"$asadmin" "$@" --passwordfile "$passwords" create-file-user --groups gme-operator "$user"
echo "gme-callback: $user is an operator of the console"
