package io.github.gmecallback.it.mariadb;

import java.io.File;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A stand-in for the build's MariaDB, of the same API, so that the tests of the MySQL datasource
 * scripts compile before the build starts a MariaDB; the class that does replaces it. Nothing
 * here starts a database: {@link #URL} names one on {@code gme.it.mysql.port}.
 */
public final class MariaDb {

    /** The tests' database. */
    public static final String URL = "jdbc:mariadb://127.0.0.1:" + System.getProperty("gme.it.mysql.port", "3306")
            + "/gme_it";

    private MariaDb() {
    }

    /**
     * A connection as the tests' user, who may create users and databases.
     *
     * @return the connection
     * @throws SQLException if the database cannot be reached
     */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "gme_it", "gme_it");
    }

    /**
     * MariaDB Connector/J's jar, from the tests' class path.
     *
     * @return the jar
     */
    public static File driverJar() {
        return jarOf("org.mariadb.jdbc.Driver");
    }

    /**
     * MySQL Connector/J's jar, from the tests' class path.
     *
     * @return the jar
     */
    public static File mysqlDriverJar() {
        return jarOf("com.mysql.cj.jdbc.Driver");
    }

    /** Found by name, so that this class compiles without either driver. */
    private static File jarOf(String driverClass) {
        try {
            return new File(Class.forName(driverClass).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(driverClass + " is not on the tests' class path", e);
        }
    }
}
