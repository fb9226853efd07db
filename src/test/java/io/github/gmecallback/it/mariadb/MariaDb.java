package io.github.gmecallback.it.mariadb;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The MariaDB of the integration tests, for the tests that need a real MariaDB or MySQL: the one
 * the build starts ({@link MariaDbLauncher}, on the port in {@code gme.it.mysql.port}), or the one
 * {@code -Dgme.it.mysql.url} names. Its absence fails the tests that need it; nothing skips them.
 *
 * <pre>{@code
 * @BeforeAll
 * static void database() {
 *     MariaDb.require(JdbcJournalMariaDbIT.class);
 * }
 * }</pre>
 *
 * <p>Both drivers are at hand: {@link #driverJar()} (MariaDB Connector/J, {@code jdbc:mariadb:})
 * and {@link #mysqlDriverJar()} (MySQL Connector/J, {@code jdbc:mysql:}), which applications on
 * MySQL deploy and which reaches MariaDB too.
 */
public final class MariaDb {

    /** The tests' database. */
    public static final String URL = external().orElse("jdbc:mariadb://127.0.0.1:"
            + System.getProperty("gme.it.mysql.port", "3306") + "/gme_it");

    private MariaDb() {
    }

    /**
     * The MariaDB or MySQL of the user's own that {@code -Dgme.it.mysql.url} names, if any.
     *
     * @return its JDBC URL
     */
    static Optional<String> external() {
        return Optional.ofNullable(System.getProperty("gme.it.mysql.url")).map(String::strip).filter(u -> !u.isEmpty());
    }

    /**
     * A connection as the tests' user, through the driver that {@link #URL}'s scheme names.
     *
     * @return the connection
     * @throws SQLException if the database cannot be reached
     */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "gme_it", "gme_it");
    }

    /**
     * Fails the calling test class when the database cannot be reached.
     *
     * @param test the test class, for the message
     */
    public static void require(Class<?> test) {
        try (Connection c = connect()) {
            c.getMetaData();
        } catch (SQLException e) {
            throw new AssertionError(test.getSimpleName() + " needs the tests' MariaDB, but " + URL
                    + " cannot be reached as gme_it: " + e.getMessage()
                    + " (the build starts one in pre-integration-test; -Dgme.it.mysql.url names your own)", e);
        }
    }

    /**
     * The MariaDB Connector/J jar the tests run with, from the local Maven repository (the test
     * dependency {@code org.mariadb.jdbc:mariadb-java-client}), for a deployment or a
     * server-config script.
     *
     * @return the jar
     */
    public static File driverJar() {
        return jarOf(org.mariadb.jdbc.Driver.class);
    }

    /**
     * The MySQL Connector/J jar the tests run with, from the local Maven repository (the test
     * dependency {@code com.mysql:mysql-connector-j}), for a deployment or a server-config script.
     *
     * @return the jar
     */
    public static File mysqlDriverJar() {
        return jarOf(com.mysql.cj.jdbc.Driver.class);
    }

    private static File jarOf(Class<?> type) {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().getPath());
    }
}
