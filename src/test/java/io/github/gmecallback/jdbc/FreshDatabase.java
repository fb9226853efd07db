package io.github.gmecallback.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One test's own database, empty when it begins and dropped when it {@link #close() closes}: a
 * test of the store suite ({@link StoreSuite}) makes one from its {@link StoreDatabase}.
 *
 * <pre>{@code
 * @StoreSuite
 * class JdbcDedupeStoreTest {
 *     @AutoClose
 *     private final FreshDatabase database;
 *
 *     JdbcDedupeStoreTest(StoreDatabase on) throws SQLException {
 *         database = on.fresh();
 *     }
 * }
 * }</pre>
 */
public final class FreshDatabase implements AutoCloseable {

    /** How a database is dropped. */
    @FunctionalInterface
    interface Drop {
        void run() throws SQLException;
    }

    private final StoreDatabase kind;
    private final DataSource dataSource;
    private final DataSource longLockWaits;
    private final Drop drop;

    FreshDatabase(StoreDatabase kind, DataSource dataSource, DataSource longLockWaits, Drop drop) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.longLockWaits = longLockWaits;
        this.drop = drop;
    }

    /** Which database this is. */
    public StoreDatabase kind() {
        return kind;
    }

    /**
     * Its datasource: a new connection for each {@code getConnection()}, in auto-commit, as a
     * server's datasource outside a transaction. Wrap it in {@link ThreadTransactions} for a
     * datasource that joins a thread's transaction, as under JTA.
     *
     * @return the datasource
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The same database, on connections whose own lock wait lasts far longer than the receiver's
     * bounds, so that what ends a wait is the receiver's bound: H2 waits 60 s here instead of its
     * default; PostgreSQL waits without end and MariaDB 50 s unless told otherwise.
     *
     * @return the datasource
     */
    public DataSource withLongLockWaits() {
        return longLockWaits;
    }

    /**
     * A number a query counts, read outside any transaction.
     *
     * @param sql a query whose first column of the first row is the number
     * @return it
     * @throws SQLException if the query fails
     */
    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Whether the database has a table, by the name the receiver gives it.
     *
     * @param table its name, in lower case
     * @return whether it is there
     * @throws SQLException if the database fails
     */
    public boolean hasTable(String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet tables = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), stored(c, table), null)) {
            return tables.next();
        }
    }

    /**
     * Whether an index of a table starts with a column, so that a query on that column finds its
     * rows without reading the whole table.
     *
     * @param table  the table, in lower case
     * @param column the column, in lower case
     * @return whether such an index is there
     * @throws SQLException if the database fails
     */
    public boolean isIndexed(String table, String column) throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet index = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), stored(c, table), false,
                     true)) {
            while (index.next()) {
                if (index.getShort("ORDINAL_POSITION") == 1 && column.equalsIgnoreCase(index.getString("COLUMN_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A name as the database keeps it: H2 folds unquoted names to upper case, the others to lower. */
    private static String stored(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        return meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }

    /**
     * Drops the database, and everything in it.
     *
     * @throws SQLException if it cannot be dropped, such as when a transaction a test left open
     *                      still holds a lock on one of its tables
     */
    @Override
    public void close() throws SQLException {
        drop.run();
    }

    @Override
    public String toString() {
        return kind.toString();
    }

    static void deleteTree(Path root) throws SQLException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new SQLException("the H2 database in " + root + " could not be deleted", e);
        }
    }
}
