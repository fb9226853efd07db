#!/usr/bin/env bash
# Removes an operator that add-operator.sh added from WildFly's application realm.
#   JBOSS_HOME=/opt/wildfly server-config/wildfly/remove-operator.sh alice
set -euo pipefail

user=${1:-}
if [ -z "$user" ] || ! [[ "$user" =~ ^[A-Za-z0-9._@-]+$ ]]; then
    echo "usage: remove-operator.sh USER" >&2
    exit 2
fi
config=${JBOSS_CONFIG_DIR:-${JBOSS_HOME:?set JBOSS_HOME to the WildFly installation}/standalone/configuration}
for file in application-users.properties application-roles.properties; do
    [ -f "$config/$file" ] && sed -i "/^$(printf '%s' "$user" | sed 's/[.]/\\./g')=/d" "$config/$file"
done
echo "gme-callback: $user is no operator any more"
