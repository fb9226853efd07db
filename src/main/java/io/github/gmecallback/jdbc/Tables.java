package io.github.gmecallback.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Creating the receiver's tables where they are absent. */
public final class Tables {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private Tables() {
    }

    /**
     * Creates a table and its indexes where absent, by the statements of its database's schema file
     * ({@link SqlDialect#schema}), each on a connection outside any transaction (DDL commits an open
     * one on H2, and others). When two servers create the table at once, one of them may fail: then
     * the table is there, the statements are run once more (each finds its object now), and only
     * what still fails is reported, at WARNING: an index missing (the inbox's unique key, say) is no
     * reason to refuse callbacks, but an operator must hear of it.
     *
     * @param dataSource where the table goes
     * @param table      its name
     * @return the database's dialect, for the statements that differ between databases
     * @throws SQLException if the table is not there afterwards, or the database is none the stores
     *                      support (which {@link #atDeployment} tells apart)
     */
    public static SqlDialect ensure(DataSource dataSource, String table) throws SQLException {
        SqlDialect dialect = null;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            dialect = SqlDialect.of(connection);
            for (String sql : dialect.schema(table)) {
                statement.execute(sql);
            }
            return dialect;
        } catch (UnsupportedDatabaseException e) {
            throw e;
        } catch (SQLException e) {
            if (dialect == null) {
                throw e;
            }
            try {
                ping(dataSource, table);
            } catch (SQLException stillMissing) {
                e.addSuppressed(stillMissing);
                throw e;
            }
            retry(dataSource, table, dialect.schema(table));
            return dialect;
        }
    }

    /**
     * What a store does when its table cannot be made at deployment: a database out of reach is
     * waited for (the table is made on first contact, callbacks get 503 until then), a database
     * the stores do not support fails the deployment.
     *
     * @param e       why the table could not be made
     * @param waiting logs that the store waits for its database
     * @throws IllegalStateException if the database is unsupported
     */
    public static void atDeployment(SQLException e, Runnable waiting) {
        if (e instanceof UnsupportedDatabaseException) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        waiting.run();
    }

    /**
     * A string as the receiver's text columns keep it: PostgreSQL refuses the character NUL
     * (U+0000) in text, which a signed JSON string may hold ({@code "\\u0000"}), and no database's
     * UTF-8 holds an unpaired surrogate ({@code "\\uD800"}, which JSON allows too; the drivers
     * would write {@code ?}). Both are kept as U+FFFD, the replacement character, the same on
     * every database. A callback's identity is the digest of its fields as received
     * ({@code CallbackIdentity}), so two callbacks whose UserIDs differ only there stay two; a
     * search of the journal by such a UserID finds both. The journal's body keeps the bytes
     * exactly.
     *
     * @param text a value, or {@code null}
     * @return the value to store
     */
    public static String text(String text) {
        if (text == null || storable(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else {
                kept.append(c == '\0' || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return kept.toString();
    }

    /** Whether a string holds neither NUL nor an unpaired surrogate: the common case, copied never. */
    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /**
     * Reads nothing from a table, on a connection of its own: whether the database answers and the
     * table is there.
     *
     * @param dataSource the database
     * @param table      the table
     * @throws SQLException if either is not the case
     */
    public static void ping(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
        }
    }

    private static void retry(DataSource dataSource, String table, List<String> ddl) {
        for (String sql : ddl) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                LOG.warning(() -> "table " + table + " exists, but this statement of its DDL failed (" + e.getMessage()
                        + "); apply it by hand: " + sql);
            }
        }
    }
}
