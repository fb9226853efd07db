#!/usr/bin/env bash
# Configures a running Payara Server 6 domain for the GME recording callback receiver,
# reversibly (restore-gme-callback.sh undoes it).
#
# The secret key is read from standard input, never from the command line, and stored as a
# password alias named gme.callback.secret-key: Payara's "password" MicroProfile Config source
# serves each alias as the configuration key of the same name, so the key is kept encrypted
# in the domain's alias store and never appears in domain.xml or a log. The key may hold any
# printable ASCII character (\ : = ' " $ and blanks included): the script escapes it for
# asadmin's password file, so the alias holds it exactly. The size limit is set as a
# domain-wide MicroProfile Config property.
#
#   IFS= read -rs KEY; printf '%s\n' "$KEY" | server-config/payara/configure-gme-callback.sh
#   asadmin redeploy --name gme gme.war     # or deploy it now; deployments read the key
#
# asadmin options (--host, --port, --user, --passwordfile for the admin user ...) may follow:
#   ... | configure-gme-callback.sh --port 4848
# ASADMIN names the asadmin to run (default: asadmin on the PATH); GME_CALLBACK_MAX_BODY_BYTES
# the size limit to set (default 65536).
set -euo pipefail

asadmin=${ASADMIN:-asadmin}
. "$(dirname "${BASH_SOURCE[0]}")/asadmin-values.sh"
max_body_bytes=${GME_CALLBACK_MAX_BODY_BYTES:-65536}

IFS= read -r key || true
if [ -z "$key" ]; then
    echo "configure-gme-callback.sh: give the secret key on standard input" >&2
    exit 2
fi

# asadmin takes an alias's value only from a password file; this one lives as long as the
# script and is readable by its user alone. The key is escaped as that file is read
# (asadmin-values.sh), so that it arrives exactly as given.
escaped=$(password_file_value "the secret key" "$key") || exit 2
unset key
passwords=$(mktemp)
trap 'rm -f "$passwords"' EXIT
chmod 600 "$passwords"
printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$escaped" > "$passwords"
unset escaped

"$asadmin" "$@" --passwordfile "$passwords" create-password-alias gme.callback.secret-key
"$asadmin" "$@" set-config-property --source=domain \
    --propertyName=gme.callback.max-body-bytes --propertyValue="$max_body_bytes"
echo "gme-callback: configured; redeploy the receiver so that it reads the key"
