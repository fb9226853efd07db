package io.github.gmecallback.it.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A login role of the tests' PostgreSQL with a password of its own, for the tests of the
 * datasource scripts: a script is right when a datasource it made connects as this role, which
 * proves that the password reached the server unchanged (the tests' PostgreSQL checks passwords,
 * see {@link PostgresLauncher}). {@code gme_it} creates it, and drops it on {@link #close()}.
 *
 * <pre>{@code
 * try (DatabaseRole role = DatabaseRole.create("gme_it_scripts", "a \\ b")) {
 *     // configure a datasource as role.name() with role.password()
 * }
 * }</pre>
 *
 * @param name     the role's name: the given prefix, _ and a random suffix
 * @param password its password: the given prefix and a random suffix, so that no file holds it
 *                 by chance
 */
public record DatabaseRole(String name, String password) implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Creates a role.
     *
     * @param namePrefix     any text of at most 54 bytes (a name has at most 63)
     * @param passwordPrefix any text
     * @return the role
     * @throws SQLException if gme_it may not create roles
     */
    public static DatabaseRole create(String namePrefix, String passwordPrefix) throws SQLException {
        if (namePrefix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 54) {
            throw new IllegalArgumentException("a role name prefix of at most 54 bytes: " + namePrefix);
        }
        DatabaseRole role = new DatabaseRole(namePrefix + "_" + random(4), passwordPrefix + random(12));
        try (Connection c = Postgres.connect(); Statement s = c.createStatement()) {
            // DDL takes no bind parameters; standard_conforming_strings keeps \ as it is, so only ' is doubled.
            s.execute("CREATE ROLE " + role.identifier() + " LOGIN PASSWORD '" + role.password.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new SQLException("gme_it could not create a role (it needs CREATEROLE): " + e.getMessage(), e);
        }
        return role;
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Drops the role; a datasource still connected as it does not keep it. */
    @Override
    public void close() throws SQLException {
        try (Connection c = Postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + identifier());
        }
    }

    /** The name as SQL quotes it, so that it may hold any character, and keeps its case. */
    private String identifier() {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return "DatabaseRole[" + name + "]"; // never the password, which a failure message might print
    }
}
