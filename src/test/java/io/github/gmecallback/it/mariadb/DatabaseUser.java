package io.github.gmecallback.it.mariadb;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A user of the tests' MariaDB with a password of its own and every right on the tests'
 * database, for the tests of the MySQL datasource scripts: a script is right when a datasource
 * it made connects as this user, which proves that the password reached the server unchanged.
 * {@code gme_it} creates it, and drops it on {@link #close()}. The MariaDB twin of
 * {@code postgres.DatabaseRole}.
 *
 * <pre>{@code
 * try (DatabaseUser user = DatabaseUser.create("gme_it_scripts", "a \\ b")) {
 *     // configure a datasource as user.name() with user.password()
 * }
 * }</pre>
 *
 * @param name     the user's name: the given prefix, _ and a random suffix
 * @param password its password: the given prefix and a random suffix, so that no file holds it
 *                 by chance
 */
public record DatabaseUser(String name, String password) implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Creates a user, at the host {@code gme_it} itself is known from, so that a connection the
     * tests' way finds it, and not an anonymous user of a more exact host first.
     *
     * @param namePrefix     any text of at most 23 characters (a name has at most 32 on MySQL)
     * @param passwordPrefix any text
     * @return the user
     * @throws SQLException if gme_it may not create users, or not grant its database
     */
    public static DatabaseUser create(String namePrefix, String passwordPrefix) throws SQLException {
        if (namePrefix.length() > 23) {
            throw new IllegalArgumentException("a user name prefix of at most 23 characters: " + namePrefix);
        }
        DatabaseUser user = new DatabaseUser(namePrefix + "_" + random(4), passwordPrefix + random(12));
        try (Connection c = MariaDb.connect(); Statement s = sqlAsWritten(c)) {
            String account = user.account(s);
            s.execute("CREATE USER " + account + " IDENTIFIED BY " + literal(user.password));
            try {
                s.execute("GRANT ALL ON `" + database(s).replace("`", "``") + "`.* TO " + account);
            } catch (SQLException e) {
                s.execute("DROP USER " + account);
                throw e;
            }
        } catch (SQLException e) {
            throw new SQLException("gme_it could not create a user (it needs CREATE USER, and its database's rights "
                    + "WITH GRANT OPTION): " + e.getMessage(), e);
        }
        return user;
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /**
     * A statement whose SQL reaches the server as written: DDL takes no bind parameters, so names
     * and passwords are literals. NO_BACKSLASH_ESCAPES (for this session only) keeps a \ in a
     * literal as it is, so that only ' is doubled; no JDBC escape processing, so that a password's
     * braces are not read as {fn ...}.
     */
    private static Statement sqlAsWritten(Connection c) throws SQLException {
        Statement s = c.createStatement();
        s.setEscapeProcessing(false);
        s.execute("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'");
        return s;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String database(Statement s) throws SQLException {
        try (ResultSet row = s.executeQuery("SELECT DATABASE()")) {
            row.next();
            return row.getString(1);
        }
    }

    /** {@code 'name'@'host'}, at the host of the account gme_it connected as. */
    private String account(Statement s) throws SQLException {
        try (ResultSet row = s.executeQuery("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', -1)")) {
            row.next();
            return literal(name) + "@" + literal(row.getString(1));
        }
    }

    /** Drops the user; a datasource still connected as it keeps its connections, not the user. */
    @Override
    public void close() throws SQLException {
        try (Connection c = MariaDb.connect(); Statement s = sqlAsWritten(c)) {
            s.execute("DROP USER IF EXISTS " + account(s));
        }
    }

    @Override
    public String toString() {
        return "DatabaseUser[" + name + "]"; // never the password, which a failure message might print
    }
}
