# What the datasource scripts of this directory share, whichever the database: the password
# alias, the pool and the resource the receiver looks up, and how they go again. The scripts
# source this file, nothing runs it; each keeps what is its database's own (its values, and
# the pool's datasource class).

asadmin=${ASADMIN:-asadmin}
. "$(dirname "${BASH_SOURCE[0]}")/asadmin-values.sh"

# read_database_password: reads the database password, one line of standard input, into a
# password file only this user can read, escaped as asadmin reads it (asadmin-values.sh). Its
# path is in $passwords; the file goes when the script exits. An empty password is refused.
read_database_password() {
    local password escaped
    IFS= read -r password || true
    if [ -z "$password" ]; then
        echo "$(basename "$0"): give the database password on standard input" >&2
        exit 2
    fi
    escaped=$(password_file_value "the database password" "$password") || exit 2
    passwords=$(mktemp)
    trap 'rm -f "$passwords"' EXIT
    chmod 600 "$passwords"
    printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$escaped" > "$passwords"
}

# create_datasource CLASS PROPERTIES [asadmin options]: adds the driver $GME_DB_DRIVER to the
# domain's common libraries, keeps the password that read_database_password read as the alias
# gme-callback-db-password, and makes the pool gme-callback-pool of the datasource class CLASS
# and the resource jdbc/gme-callback on it, then pings the pool. PROPERTIES is the pool's
# --property list without the password, its values escaped (property_list_value); the password
# is added as a reference to the alias, which Payara resolves as it connects.
create_datasource() {
    local class=$1 properties=$2
    shift 2
    "$asadmin" "$@" add-library --type common "$GME_DB_DRIVER"
    "$asadmin" "$@" --passwordfile "$passwords" create-password-alias gme-callback-db-password
    "$asadmin" "$@" create-jdbc-connection-pool \
        --datasourceclassname "$class" --restype javax.sql.DataSource \
        --property "$properties:password=\${ALIAS=gme-callback-db-password}" \
        gme-callback-pool
    "$asadmin" "$@" create-jdbc-resource --connectionpoolid gme-callback-pool jdbc/gme-callback
    "$asadmin" "$@" ping-connection-pool gme-callback-pool
    echo "gme-callback: datasource jdbc/gme-callback configured"
}

# remove_datasource [asadmin options]: undoes create_datasource, but for the driver, which other
# applications of the domain may use too.
remove_datasource() {
    "$asadmin" "$@" delete-jdbc-resource jdbc/gme-callback
    "$asadmin" "$@" delete-jdbc-connection-pool gme-callback-pool
    "$asadmin" "$@" delete-password-alias gme-callback-db-password
    echo "gme-callback: datasource removed"
}
