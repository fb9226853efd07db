# How asadmin reads the values the scripts of this directory hand it; they source this file,
# nothing runs it. Each function prints the escaped value, or refuses (status 2, and a message
# on standard error) what asadmin cannot be given at all.

# password_file_value WHAT VALUE: VALUE as the right-hand side of a NAME=VALUE line of a
# --passwordfile. asadmin loads that file as Java properties (java.util.Properties.load):
# ISO-8859-1, a \ escapes the next character, and the blanks that start a value are dropped. So
# each \ becomes \\ and each blank "\ "; anything but printable ASCII is refused, as a file read
# as ISO-8859-1 would hold it changed.
password_file_value() {
    local what=$1 value=$2 LC_ALL=C  # C: the range below is one of bytes, not of a locale's collation
    if [[ "$value" == *[^\ -~]* ]]; then
        echo "$(basename "$0"): use printable ASCII characters in $what (asadmin's password file holds no others)" >&2
        return 2
    fi
    value=${value//\\/\\\\}
    printf '%s' "${value// /\\ }"
}

# property_list_value WHAT VALUE: VALUE as the VALUE of a NAME=VALUE pair in a --property list
# (NAME=VALUE:NAME=VALUE...). asadmin splits the list at each : and each pair at its =, where a \
# escapes the next character and ' or " open a quoted part; so each of \ : = ' " gets a \ in
# front. Payara resolves ${...} in a stored value (a system property, ${ALIAS=...}), which no
# escape prevents: such a value is refused.
property_list_value() {
    local what=$1 value=$2
    if [[ "$value" == *'${'* ]]; then
        echo "$(basename "$0"): $what may not hold \${, which Payara would resolve as a reference" >&2
        return 2
    fi
    printf '%s' "$value" | sed -e 's/[\\:='\''"]/\\&/g'
}
