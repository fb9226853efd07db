package io.github.gmecallback.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between the databases the {@code jdbc} stores run on, in one place: the schema
 * file, how a duplicate key and a lock wait that ran out are reported, how a claim waits on a
 * copy in flight, how an insert skips a row that is there, what an insert hands back, the
 * database's clock, and how statements are bounded. Every other statement of the stores is plain
 * SQL that each of them runs as it is.
 *
 * <p>The dialect is chosen by the datasource's product name and version, on first contact
 * ({@link #of(Connection)}); a database that is none of these, or older, is refused with an
 * {@code SQLException} naming the ones supported ({@code UnsupportedDatabaseException}), which
 * fails the deployment.
 */
public enum SqlDialect {

    /**
     * PostgreSQL 13 and later. A failed statement ends the transaction, so what may collide is
     * written not to fail: the claim deletes an expired row before its insert, and an insert that
     * may find its row skips it ({@code ON CONFLICT DO NOTHING}). A lock wait is bounded per
     * transaction ({@code SET LOCAL lock_timeout}); the claim's statements go in one round trip.
     */
    POSTGRESQL("postgresql.sql", 13, 0) {
        @Override
        public boolean isDuplicate(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        public boolean isLockTimeout(SQLException e) {
            return "55P03".equals(e.getSQLState());
        }

        @Override
        public String insertUnlessPresent(String insert) {
            return insert + " ON CONFLICT DO NOTHING";
        }

        @Override
        public void claim(Connection connection, ClaimStatements claim, long waitMillis) throws SQLException {
            // The statements sent together: the driver sends a list in one round trip, and the
            // first that fails throws, as each alone would. The query timeout outlasts the lock
            // wait, so that the wait ends a repeat of a copy in flight, not the timeout.
            try (PreparedStatement statements = connection.prepareStatement(
                    "SELECT set_config('lock_timeout', ?, true); " + claim.forgetExpired() + "; " + claim.insert()
                            + "; SET LOCAL lock_timeout TO DEFAULT")) {
                statements.setQueryTimeout(StatementTimeouts.outlasting(waitMillis));
                statements.setString(1, waitMillis + "ms");
                int next = claim.bindForget(statements, 2);
                claim.bindInsert(statements, next);
                statements.execute();
            }
        }
    },

    /**
     * MySQL 8.0 and later, and MariaDB 10.6 and later, on InnoDB. A failed statement is rolled
     * back alone, the transaction goes on. Under InnoDB's default isolation (repeatable read) a
     * search for a key that is absent locks the gap where it would go, and two transactions that
     * did that and then insert into the gap deadlock: so what may collide is inserted first, and
     * looked at only when the key is there ({@link #insertsFirst()}). A lock wait is bounded by the
     * session's {@code innodb_lock_wait_timeout}, in whole seconds, set around the claim's insert
     * and given back after it (the observers share the session inside a JTA transaction).
     */
    MYSQL("mysql.sql", 8, 0) {
        @Override
        public boolean isDuplicate(SQLException e) {
            return e.getErrorCode() == ER_DUP_ENTRY || e.getErrorCode() == ER_DUP_ENTRY_WITH_KEY_NAME;
        }

        @Override
        public boolean isLockTimeout(SQLException e) {
            // A deadlock's victim is rolled back whole; for the claim it means the same: try later.
            return e.getErrorCode() == ER_LOCK_WAIT_TIMEOUT || e.getErrorCode() == ER_LOCK_DEADLOCK;
        }

        @Override
        public boolean insertsFirst() {
            return true;
        }

        @Override
        public String insertOrLock(String insert) {
            return insert + " ON DUPLICATE KEY UPDATE id = id";
        }

        @Override
        public boolean returnsColumns() {
            return false;
        }

        @Override
        public String clock() {
            // UTC_TIMESTAMP does not depend on the session's time zone; the difference is plain arithmetic.
            return "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000";
        }

        @Override
        public void claim(Connection connection, ClaimStatements claim, long waitMillis) throws SQLException {
            try (Statement session = connection.createStatement()) {
                session.execute("SET SESSION innodb_lock_wait_timeout = " + Math.max(1, (waitMillis + 999) / 1000));
                try {
                    if (!insert(connection, claim, waitMillis)) {
                        throw new SQLException("Duplicate entry", "23000", ER_DUP_ENTRY);
                    }
                } finally {
                    session.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
                }
            }
        }

        /** Inserts; where the row is there, deletes it if expired and inserts again: whether it did. */
        private boolean insert(Connection connection, ClaimStatements claim, long waitMillis) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement(claim.insert())) {
                insert.setQueryTimeout(StatementTimeouts.outlasting(waitMillis));
                claim.bindInsert(insert, 1);
                try {
                    insert.executeUpdate();
                    return true;
                } catch (SQLException e) {
                    if (!isDuplicate(e)) {
                        throw e;
                    }
                }
                // The row is there. A plain read (no lock) says whether it expired: a live row, the
                // common case, is a duplicate without taking its exclusive lock, which repeats
                // racing each other (each holding the shared lock of its duplicate key) would
                // deadlock on.
                try (PreparedStatement expired = connection.prepareStatement(claim.expired())) {
                    claim.bindForget(expired, 1);
                    try (ResultSet row = expired.executeQuery()) {
                        if (!row.next()) {
                            return false;
                        }
                    }
                }
                try (PreparedStatement forget = connection.prepareStatement(claim.forgetExpired())) {
                    claim.bindForget(forget, 1);
                    if (forget.executeUpdate() == 0) {
                        return false;
                    }
                }
                insert.executeUpdate();
                return true;
            }
        }
    },

    /**
     * H2 2.x, for the unit tests; it reads PostgreSQL's schema file. It reports a duplicate key at
     * once, also of a row not yet committed, and serves one server, where a repeat waits for the
     * copy in flight before it gets to the database. Its query timeout and lock timeout are kept
     * per session ({@link BoundedConnection}).
     */
    H2("postgresql.sql", 2, 0) {
        @Override
        public boolean isDuplicate(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        public boolean isLockTimeout(SQLException e) {
            return e.getErrorCode() == 50200;
        }
    };

    private static final int ER_DUP_ENTRY = 1062;
    private static final int ER_DUP_ENTRY_WITH_KEY_NAME = 1586;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_LOCK_DEADLOCK = 1213;
    /** MariaDB's version as MySQL Connector/J reports it: {@code 5.5.5-10.11.5-MariaDB}. */
    private static final Pattern MARIADB_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+-MariaDB");
    private static final String SUPPORTED = "PostgreSQL 13+, MySQL 8.0+ and MariaDB 10.6+ (InnoDB), "
            + "and H2 2.x for tests";

    private final String schemaFile;
    private final int major;
    private final int minor;
    private volatile Schema schema;

    SqlDialect(String schemaFile, int major, int minor) {
        this.schemaFile = schemaFile;
        this.major = major;
        this.minor = minor;
    }

    /**
     * The dialect of a connection's database.
     *
     * @param connection a connection
     * @return its dialect
     * @throws SQLException if its metadata cannot be read, or the database is none the stores
     *                      support, or older (a message naming the supported ones)
     */
    public static SqlDialect of(Connection connection) throws SQLException {
        DatabaseMetaData database = connection.getMetaData();
        return of(database.getDatabaseProductName(), database.getDatabaseProductVersion(),
                database.getDatabaseMajorVersion(), database.getDatabaseMinorVersion());
    }

    /**
     * The dialect of a database, by what its driver reports.
     *
     * @param product      the product name
     * @param version      the product version, as text
     * @param majorVersion its major version
     * @param minorVersion its minor version
     * @return its dialect
     * @throws UnsupportedDatabaseException if it is none the stores support, or older
     */
    static SqlDialect of(String product, String version, int majorVersion, int minorVersion)
            throws UnsupportedDatabaseException {
        String name = product.toLowerCase(Locale.ROOT);
        Matcher mariaDb = MARIADB_VERSION.matcher(version == null ? "" : version);
        if (name.contains("mariadb") || mariaDb.find()) {
            // MySQL Connector/J reports MariaDB as MySQL 5.5.5; the text says which MariaDB it is.
            boolean parsed = mariaDb.find(0);
            return MYSQL.atLeast(product, version, parsed ? Integer.parseInt(mariaDb.group(1)) : majorVersion,
                    parsed ? Integer.parseInt(mariaDb.group(2)) : minorVersion, 10, 6);
        }
        if (name.contains("mysql")) {
            return MYSQL.atLeast(product, version, majorVersion, minorVersion, 8, 0);
        }
        if (name.contains("postgresql")) {
            return POSTGRESQL.atLeast(product, version, majorVersion, minorVersion, 13, 0);
        }
        if (name.equals("h2")) {
            return H2.atLeast(product, version, majorVersion, minorVersion, 2, 0);
        }
        throw new UnsupportedDatabaseException("the receiver's jdbc stores do not support " + product + " "
                + version + "; supported: " + SUPPORTED);
    }

    private SqlDialect atLeast(String product, String version, int majorVersion, int minorVersion, int leastMajor,
            int leastMinor) throws UnsupportedDatabaseException {
        if (majorVersion < leastMajor || majorVersion == leastMajor && minorVersion < leastMinor) {
            throw new UnsupportedDatabaseException("the receiver's jdbc stores need " + product + " " + leastMajor
                    + "." + leastMinor + " or later, not " + version + "; supported: " + SUPPORTED);
        }
        return this;
    }

    /**
     * The statements that create a table and its indexes where absent, from this database's
     * schema file ({@code META-INF/gme-callback/schema/} in the classes jar), in the file's order.
     *
     * @param table the table
     * @return its statements
     */
    public List<String> schema(String table) {
        Schema loaded = schema;
        if (loaded == null) {
            loaded = Schema.load(schemaFile);
            schema = loaded;
        }
        return loaded.of(table);
    }

    /**
     * The resource name of this database's schema file.
     *
     * @return e.g. {@code META-INF/gme-callback/schema/mysql.sql}
     */
    public String schemaResource() {
        return Schema.resource(schemaFile);
    }

    /**
     * Whether a statement failed on a duplicate key (a unique or primary key taken).
     *
     * @param e the failure
     * @return whether it is one
     */
    public abstract boolean isDuplicate(SQLException e);

    /**
     * Whether a statement failed because its wait for a row lock ran out.
     *
     * @param e the failure
     * @return whether it is one
     */
    public abstract boolean isLockTimeout(SQLException e);

    /**
     * An {@code INSERT} that does nothing, rather than fail, where its key is taken: on PostgreSQL,
     * where a failed statement ends the transaction. Elsewhere the insert as it is, whose duplicate
     * key ({@link #isDuplicate}) fails the statement alone.
     *
     * @param insert the insert
     * @return the insert to run
     */
    public String insertUnlessPresent(String insert) {
        return insert;
    }

    /**
     * An {@code INSERT} that, where its key ({@code id}) is taken, takes that row's exclusive lock
     * instead and changes nothing: on MySQL and MariaDB, {@code ON DUPLICATE KEY UPDATE id = id}.
     * Transactions racing for one key then wait on each other in turn, where a duplicate key
     * error would leave each holding a shared lock that the next statement must upgrade, and
     * two of them deadlock. Elsewhere {@link #insertUnlessPresent}.
     *
     * @param insert the insert
     * @return the insert to run
     */
    public String insertOrLock(String insert) {
        return insertUnlessPresent(insert);
    }

    /**
     * Whether a row that may be absent is inserted before it is looked for, rather than after: on
     * InnoDB, where looking for an absent key locks the gap that concurrent inserts need.
     *
     * @return {@code true} on MySQL and MariaDB
     */
    public boolean insertsFirst() {
        return false;
    }

    /**
     * Whether an insert hands back any column asked for as a generated key, not only the
     * auto-increment one.
     *
     * @return {@code false} on MySQL and MariaDB
     */
    public boolean returnsColumns() {
        return true;
    }

    /**
     * A query of one row and column: the database's time, in epoch milliseconds.
     *
     * @return the query
     */
    public String clock() {
        return "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
    }

    /**
     * Inserts a claim's row, in the transaction the connection is in: a row there past its
     * retention is taken over, a row of a copy in flight in another transaction is waited on at
     * most {@code waitMillis} (then {@link #isLockTimeout}), and a live row fails it
     * ({@link #isDuplicate}).
     *
     * @param connection the connection
     * @param claim      the statements
     * @param waitMillis how long a wait on a copy in flight may take
     * @throws SQLException as the database reports it
     */
    public void claim(Connection connection, ClaimStatements claim, long waitMillis) throws SQLException {
        // Elsewhere the session's own lock timeout, or the statement's bound, ends such a wait.
        try (PreparedStatement forget = connection.prepareStatement(claim.forgetExpired())) {
            claim.bindForget(forget, 1);
            forget.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(claim.insert())) {
            claim.bindInsert(insert, 1);
            insert.executeUpdate();
        }
    }

    /**
     * How the database ends a statement at its bound.
     *
     * @return per session on H2, per statement elsewhere
     */
    BoundedConnection.Bounding bounding() {
        return this == H2 ? BoundedConnection.Bounding.H2_SESSION : BoundedConnection.Bounding.PER_STATEMENT;
    }
}
