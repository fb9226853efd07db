#!/usr/bin/env bash
# Adds (or replaces) an operator of the GME console on WildFly: a user of the application realm
# (ApplicationRealm, the files application-users.properties and application-roles.properties)
# in the group gme-operator, which WildFly maps to the role of the same name. The running server
# reads the files again when they change. remove-operator.sh takes the user away again.
#
# The password is read from standard input, never from the command line (add-user.sh would
# want it as an argument, visible in ps):
#   IFS= read -rs PASSWORD; printf '%s\n' "$PASSWORD" | JBOSS_HOME=/opt/wildfly server-config/wildfly/add-operator.sh alice
#
# JBOSS_HOME is the server (for `./mvnw wildfly:run`: target/wildfly); the files are those of its
# standalone configuration, or of JBOSS_CONFIG_DIR where that is set.
set -euo pipefail

user=${1:-}
if [ -z "$user" ] || ! [[ "$user" =~ ^[A-Za-z0-9._@][A-Za-z0-9._@-]*$ ]]; then
    echo "usage: add-operator.sh USER < password   (USER: letters, digits and . _ @ -)" >&2
    exit 2
fi
config=${JBOSS_CONFIG_DIR:-${JBOSS_HOME:?set JBOSS_HOME to the WildFly installation}/standalone/configuration}
IFS= read -r password || true
if [ -z "$password" ]; then
    echo "add-operator.sh: give the password on standard input" >&2
    exit 2
fi

# The realm's own format: user=HEX(MD5(user:ApplicationRealm:password)).
hash=$(printf '%s' "$user:ApplicationRealm:$password" | md5sum | cut -d' ' -f1)
unset password
pattern="^$(printf '%s' "$user" | sed 's/[.]/\\./g')="
touch "$config/application-users.properties" "$config/application-roles.properties"
sed -i "/$pattern/d" "$config/application-users.properties"
printf '%s=%s\n' "$user" "$hash" >> "$config/application-users.properties"
# The user's other roles stay; gme-operator is added once.
roles=$(grep "$pattern" "$config/application-roles.properties" | head -1 | cut -d= -f2- || true)
if [ -z "$roles" ]; then
    printf '%s=%s\n' "$user" "gme-operator" >> "$config/application-roles.properties"
elif ! [[ ",$roles," == *,gme-operator,* ]]; then
    sed -i "s/$pattern.*/$user=$roles,gme-operator/" "$config/application-roles.properties"
fi
echo "gme-callback: $user is an operator of the console"
