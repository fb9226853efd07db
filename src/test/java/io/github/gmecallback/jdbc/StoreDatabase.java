package io.github.gmecallback.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A database the {@code jdbc} stores support, as the store suite ({@link StoreSuite}) runs them on
 * it: each test gets a {@link #fresh()} database of its own, dropped after it.
 *
 * <p>Which databases a run covers is {@value #PROPERTY}, a comma-separated list of
 * {@code h2}, {@code postgresql} and {@code mariadb}; without it, H2 alone (the unit tests). A
 * database named there that is not configured, or does not answer, fails every test of the suite
 * on it with a message that says so (the other databases' tests run on): nothing is skipped.
 * <ul>
 * <li>H2 is always there: a new database in a file of a temporary directory per test (a file,
 *     not memory, since inbox delivery refuses an in-memory database).</li>
 * <li>PostgreSQL is the integration tests' ({@code gme.it.postgres.url}, or
 *     {@code jdbc:postgresql://127.0.0.1:<gme.it.postgres.port>/gme_it}), role and password
 *     {@code gme_it}; each test gets a schema of its own in that database.</li>
 * <li>MariaDB (or MySQL) is the integration tests' ({@code gme.it.mysql.url}, or
 *     {@code jdbc:mariadb://127.0.0.1:<gme.it.mysql.port>/gme_it}), user and password
 *     {@code gme_it}, who may create databases; each test gets a database of its own, with the
 *     character set of {@code gme_it}.</li>
 * </ul>
 *
 * <p>Why a namespace per test on a shared server, rather than dropping the receiver's tables
 * between tests: it costs no more (one statement to create the namespace and one to drop it with
 * its tables, where the other way drops the same tables one by one), it isolates a test from the tables the server tests keep in {@code gme_it} (an inbox paused
 * here would pause theirs), from another build on the same external server, and from whatever a
 * killed run left behind; and it needs no list of the receiver's tables kept up to date. A fresh
 * PostgreSQL <em>database</em> would cost a copy of {@code template1} per test, and a right
 * ({@code CREATEDB}) that the tests' role does not have.
 *
 * <pre>{@code
 * ./mvnw test -Dtest='Jdbc*Test' -Dgme.it.store-databases=h2,postgresql -Dgme.it.postgres.port=35432
 * }</pre>
 */
public enum StoreDatabase {

    /** H2 2.x, in a file. */
    H2("h2", "H2") {
        @Override
        FreshDatabase fresh(Server server) throws SQLException {
            Path directory;
            try {
                directory = Files.createTempDirectory("gme-store-suite-");
            } catch (IOException e) {
                throw new SQLException("no temporary directory for an H2 database", e);
            }
            String url = "jdbc:h2:file:" + directory.resolve("store") + ";DB_CLOSE_DELAY=-1";
            return new FreshDatabase(this, new DriverDataSource(url, "", ""),
                    new DriverDataSource(url + ";LOCK_TIMEOUT=60000", "", ""), () -> {
                        try (Connection c = DriverManager.getConnection(url, "", "");
                             Statement s = c.createStatement()) {
                            s.execute("SHUTDOWN");
                        }
                        FreshDatabase.deleteTree(directory);
                    });
        }
    },

    /** PostgreSQL 13+, a schema per test. */
    POSTGRESQL("postgresql", "PostgreSQL") {
        @Override
        FreshDatabase fresh(Server server) throws SQLException {
            String schema = namespace();
            server.run("CREATE SCHEMA " + schema);
            DriverDataSource dataSource = new DriverDataSource(
                    server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    server.user(), server.password());
            // A transaction a failed test left open would hold its locks: the drop then fails, never hangs.
            return new FreshDatabase(this, dataSource, dataSource,
                    () -> server.run("SET lock_timeout = '10s'", "DROP SCHEMA " + schema + " CASCADE"));
        }
    },

    /** MariaDB 10.6+ or MySQL 8, a database per test. */
    MARIADB("mariadb", "MariaDB") {
        @Override
        FreshDatabase fresh(Server server) throws SQLException {
            String database = namespace();
            String charset;
            try (Connection c = server.connect(); Statement s = c.createStatement();
                 ResultSet row = s.executeQuery("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
                         + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()")) {
                row.next();
                charset = " CHARACTER SET " + row.getString(1) + " COLLATE " + row.getString(2);
            }
            server.run("CREATE DATABASE " + database + charset);
            DriverDataSource dataSource = new DriverDataSource(otherDatabase(server.url(), database), server.user(),
                    server.password());
            return new FreshDatabase(this, dataSource, dataSource,
                    () -> server.run("SET SESSION lock_wait_timeout = 10", "DROP DATABASE " + database));
        }
    };

    /** The system property that names the databases of a run. */
    public static final String PROPERTY = "gme.it.store-databases";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<StoreDatabase, Server> SERVERS = new ConcurrentHashMap<>();
    /** Why a database named for the run cannot be used, found out once per run. */
    private static final Map<StoreDatabase, IllegalStateException> MISSING = new ConcurrentHashMap<>();

    private final String key;
    private final String displayName;

    StoreDatabase(String key, String displayName) {
        this.key = key;
        this.displayName = displayName;
    }

    /**
     * The databases of this run: the store suite's {@code @MethodSource}.
     *
     * @return them, in the order {@value #PROPERTY} names them
     * @throws IllegalStateException if {@value #PROPERTY} names none, or one that is unknown
     */
    public static Stream<StoreDatabase> inThisRun() {
        List<StoreDatabase> databases = Arrays.stream(System.getProperty(PROPERTY, "h2").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).map(StoreDatabase::named).toList();
        if (databases.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " names no database; say h2, postgresql and/or mariadb");
        }
        return databases.stream();
    }

    private static StoreDatabase named(String name) {
        return Arrays.stream(values()).filter(database -> database.key.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalStateException(PROPERTY + " names " + name
                        + ", which is none of h2, postgresql and mariadb"));
    }

    /**
     * A new, empty database for one test; close it after the test.
     *
     * @return the database
     * @throws SQLException          if it cannot be made
     * @throws IllegalStateException naming what is missing, when the database is not configured
     *                               or does not answer
     */
    public FreshDatabase fresh() throws SQLException {
        IllegalStateException missing = MISSING.get(this);
        if (missing != null) {
            throw new IllegalStateException(missing.getMessage(), missing.getCause());
        }
        Server server = SERVERS.get(this);
        if (server == null) {
            try {
                server = SERVERS.computeIfAbsent(this, StoreDatabase::server);
            } catch (IllegalStateException e) {
                MISSING.put(this, e);
                throw e;
            }
        }
        return fresh(server);
    }

    abstract FreshDatabase fresh(Server server) throws SQLException;

    /** The name test reports show. */
    @Override
    public String toString() {
        return displayName;
    }

    private Server server() {
        return switch (this) {
            case H2 -> new Server("jdbc:h2:mem:", "", "");
            case POSTGRESQL -> configured("gme.it.postgres.url", "gme.it.postgres.port", "jdbc:postgresql://127.0.0.1:%s/gme_it")
                    .reachable(this);
            case MARIADB -> configured("gme.it.mysql.url", "gme.it.mysql.port", "jdbc:mariadb://127.0.0.1:%s/gme_it")
                    .reachable(this);
        };
    }

    /** The server a URL property names, or the build's own on the port a port property names. */
    private Server configured(String urlProperty, String portProperty, String urlOnPort) {
        Optional<String> url = property(urlProperty);
        if (url.isPresent()) {
            return new Server(url.get(), "gme_it", "gme_it");
        }
        String port = property(portProperty).orElseThrow(() -> new IllegalStateException(PROPERTY + " names "
                + key + ", but neither -D" + urlProperty + " (a server of yours) nor -D" + portProperty
                + " (the build's own, started before the integration tests) is set"));
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalStateException(PROPERTY + " names " + key + ", but " + portProperty + " is " + port
                    + ", not a port: did the build start " + displayName + "?");
        }
        return new Server(urlOnPort.formatted(port), "gme_it", "gme_it");
    }

    private static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** A name no other test, run or build uses: a letter first, and lower case for every database. */
    private static String namespace() {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return "gme_it_suite_" + HexFormat.of().formatHex(random);
    }

    /** The URL of another database on the server of a MariaDB or MySQL URL. */
    static String otherDatabase(String url, String database) {
        int host = url.indexOf("//");
        int path = host < 0 ? -1 : url.indexOf('/', host + 2);
        int query = url.indexOf('?');
        if (path < 0 || query >= 0 && query < path) {
            String base = query < 0 ? url : url.substring(0, query);
            return base + "/" + database + (query < 0 ? "" : url.substring(query));
        }
        return url.substring(0, path + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /**
     * Where a server-backed database is reached, as the tests' user.
     *
     * @param url      its base database's URL
     * @param user     the user
     * @param password its password
     */
    record Server(String url, String user, String password) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        void run(String... statements) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
        }

        Server reachable(StoreDatabase database) {
            try (Connection c = connect()) {
                c.isValid(5);
            } catch (SQLException e) {
                throw new IllegalStateException(PROPERTY + " names " + database.key + ", but " + url
                        + " cannot be reached as " + user + " (password " + password + "): " + e.getMessage(), e);
            }
            return this;
        }
    }
}
