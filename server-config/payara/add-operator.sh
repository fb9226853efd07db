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
. "$(dirname "${BASH_SOURCE[0]}")/asadmin-values.sh"
user=${1:-}
if [ -z "$user" ] || ! [[ "$user" =~ ^[A-Za-z0-9._@][A-Za-z0-9._@-]*$ ]]; then
    echo "usage: add-operator.sh USER [asadmin options] < password   (USER: letters, digits and . _ @ -)" >&2
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
# The password is escaped as asadmin reads the file (asadmin-values.sh). Payara itself refuses
# blanks around a password.
if [[ "$password" == " "* || "$password" == *" " ]]; then
    echo "add-operator.sh: Payara refuses a password that starts or ends with a blank" >&2
    exit 2
fi
escaped=$(password_file_value "the password" "$password") || exit 2
printf 'AS_ADMIN_USERPASSWORD=%s\n' "$escaped" > "$passwords"
unset password escaped

if "$asadmin" "$@" list-file-users 2>/dev/null | grep -qx "$user"; then
    "$asadmin" "$@" --passwordfile "$passwords" update-file-user --groups gme-operator "$user"
else
    "$asadmin" "$@" --passwordfile "$passwords" create-file-user --groups gme-operator "$user"
fi
echo "gme-callback: $user is an operator of the console"
