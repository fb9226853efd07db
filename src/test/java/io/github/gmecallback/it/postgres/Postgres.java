package io.github.gmecallback.it.postgres;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The PostgreSQL of the integration tests: the one the build starts ({@link PostgresLauncher}, on
 * the port in {@code gme.it.postgres.port}), or the one {@code -Dgme.it.postgres.url} names. The
 * tests of the {@code jdbc} stores reach it through
 * {@link io.github.gmecallback.it.database.TestDatabase}; this class is for what is PostgreSQL's
 * own (its launcher, its server-config scripts, its locks).
 */
public final class Postgres {

    /** The tests' database. */
    public static final String URL = external().orElse("jdbc:postgresql://127.0.0.1:"
            + System.getProperty("gme.it.postgres.port", "5432") + "/gme_it");

    private Postgres() {
    }

    /**
     * The PostgreSQL of the user's own that {@code -Dgme.it.postgres.url} names, if any.
     *
     * @return its JDBC URL
     */
    public static Optional<String> external() {
        return Optional.ofNullable(System.getProperty("gme.it.postgres.url")).map(String::strip).filter(u -> !u.isEmpty());
    }

    /**
     * A connection as the tests' role.
     *
     * @return the connection
     * @throws SQLException if the database cannot be reached
     */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "gme_it", "gme_it");
    }

    /**
     * The PostgreSQL JDBC driver jar the tests run with, from the local Maven repository (the
     * test dependency {@code org.postgresql:postgresql}), for a deployment or a server-config script.
     *
     * @return the jar
     */
    public static File driverJar() {
        return new File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    }
}
