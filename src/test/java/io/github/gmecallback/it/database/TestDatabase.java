package io.github.gmecallback.it.database;

import io.github.gmecallback.it.Deployments;
import io.github.gmecallback.it.mariadb.MariaDb;
import io.github.gmecallback.it.postgres.Postgres;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The database of the integration tests of the {@code jdbc} stores on a server: PostgreSQL, or
 * MariaDB where the failsafe execution says {@code -Dgme.it.database=mariadb}, so that the tests
 * written once run on each. Both are the ones the build starts ({@link Postgres}, {@link MariaDb}),
 * or the ones {@code -Dgme.it.postgres.url} and {@code -Dgme.it.mysql.url} name. Its absence fails
 * the tests that need it; nothing skips them.
 *
 * <p>The servers reach MariaDB through MySQL Connector/J ({@code jdbc:mysql:}), the driver of most
 * MySQL users and a plain (not XA) datasource class; the store suite and the server-config tests
 * use MariaDB Connector/J too.
 */
public final class TestDatabase {

    /** Which database this run's tests use. */
    public static final boolean MARIADB = "mariadb".equals(System.getProperty("gme.it.database"));

    /** The tests' database, as the test JVM and the servers reach it. */
    public static final String URL = MARIADB ? MariaDb.URL.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:") : Postgres.URL;

    private TestDatabase() {
    }

    /**
     * A connection as the tests' user.
     *
     * @return the connection
     * @throws SQLException if the database cannot be reached
     */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "gme_it", "gme_it");
    }

    /**
     * The name of this run's database, for messages.
     *
     * @return PostgreSQL or MariaDB
     */
    public static String name() {
        return MARIADB ? "MariaDB" : "PostgreSQL";
    }

    /**
     * Creates the table the test observers write to, and fails the calling test class when the
     * database cannot be reached.
     *
     * @param test the test class, for the message
     */
    public static void require(Class<?> test) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS gme_it_writes (task_id BIGINT NOT NULL, user_id VARCHAR(100))");
        } catch (SQLException e) {
            throw new AssertionError(test.getSimpleName() + " needs the tests' " + name() + ", but " + URL
                    + " cannot be reached: " + e.getMessage(), e);
        }
    }

    /**
     * How many rows the observers wrote for a task, committed.
     *
     * @param taskId the task
     * @return the rows
     * @throws SQLException if the database fails
     */
    public static long writes(long taskId) throws SQLException {
        try (Connection c = connect();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM gme_it_writes WHERE task_id = ?")) {
            count.setLong(1, taskId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * A task's journal entries counted by outcome, read from the table itself.
     *
     * @param taskId the task
     * @return outcome name to count
     * @throws SQLException if the database fails
     */
    public static Map<String, Long> journaled(long taskId) throws SQLException {
        return journaled(taskId, taskId);
    }

    /**
     * The journal entries of a range of tasks counted by outcome, read from the table itself.
     *
     * @param first the first task
     * @param last  the last task
     * @return outcome name to count
     * @throws SQLException if the database fails
     */
    public static Map<String, Long> journaled(long first, long last) throws SQLException {
        Map<String, Long> outcomes = new TreeMap<>();
        grouped("SELECT outcome, COUNT(*) FROM gme_callback_journal WHERE task_id BETWEEN ? AND ? GROUP BY outcome",
                first, last, (outcome, count) -> outcomes.put(outcome, count));
        return outcomes;
    }

    /**
     * The repeats counted on the journal entries of a range of tasks, read from the table itself.
     *
     * @param first the first task
     * @param last  the last task
     * @return the sum of their repeats
     * @throws SQLException if the database fails
     */
    public static long repeats(long first, long last) throws SQLException {
        try (Connection c = connect(); PreparedStatement select = c.prepareStatement(
                "SELECT COALESCE(SUM(repeats), 0) FROM gme_callback_journal WHERE task_id BETWEEN ? AND ?")) {
            select.setLong(1, first);
            select.setLong(2, last);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * How many tasks of a range got how many observer writes, committed: {@code {1=N}} when each
     * of N tasks got exactly one.
     *
     * @param first the first task
     * @param last  the last task
     * @return writes per task to the number of tasks
     * @throws SQLException if the database fails
     */
    public static Map<Long, Long> writesPerTask(long first, long last) throws SQLException {
        Map<Long, Long> perTask = new TreeMap<>();
        grouped("SELECT n, COUNT(*) FROM (SELECT task_id, COUNT(*) AS n FROM gme_it_writes "
                + "WHERE task_id BETWEEN ? AND ? GROUP BY task_id) AS counts GROUP BY n", first, last,
                (n, tasks) -> perTask.put(Long.parseLong(n), tasks));
        return perTask;
    }

    private static void grouped(String sql, long first, long last, java.util.function.BiConsumer<String, Long> row)
            throws SQLException {
        try (Connection c = connect(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setLong(1, first);
            select.setLong(2, last);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    row.accept(rows.getString(1), rows.getLong(2));
                }
            }
        }
    }

    /**
     * The JDBC driver jar the servers reach this run's database with, from the local Maven
     * repository, for a deployment.
     *
     * @return the jar
     */
    public static File driverJar() {
        return MARIADB ? MariaDb.mysqlDriverJar() : Postgres.driverJar();
    }

    /** The datasource class of that driver, for a deployment's {@code <data-source>}. */
    private static String dataSourceClass() {
        return MARIADB ? "com.mysql.cj.jdbc.MysqlDataSource" : "org.postgresql.ds.PGSimpleDataSource";
    }

    /**
     * The receiver's settings for both stores {@code jdbc} on the test database
     * ({@code java:app/jdbc/gme-it}), the journal's datasource following the dedupe store's.
     *
     * @param key  the secret key
     * @param more further settings, {@code key=value} each
     * @return the settings, a line each
     */
    public static String jdbcStores(String key, String... more) {
        StringBuilder settings = new StringBuilder("gme.callback.secret-key=").append(key)
                .append("\ngme.callback.dedupe.store=jdbc\ngme.callback.dedupe.datasource=java:app/jdbc/gme-it")
                .append("\ngme.callback.journal.store=jdbc");
        for (String setting : more) {
            settings.append('\n').append(setting);
        }
        return settings.toString();
    }

    /**
     * {@link #jdbcStores} in {@code inbox} delivery.
     *
     * @param key  the secret key
     * @param more further settings, {@code key=value} each
     * @return the settings, a line each
     */
    public static String inbox(String key, String... more) {
        String[] all = new String[more.length + 1];
        all[0] = "gme.callback.delivery=inbox";
        System.arraycopy(more, 0, all, 1, more.length);
        return jdbcStores(key, all);
    }

    /**
     * A receiver with the test observers, {@link DatabaseObservers}, the database's driver and a
     * datasource {@code java:app/jdbc/gme-it} of its own, as an application defines one. Its
     * web.xml is our WAR's, without {@code async-supported}, so these deployments also cover the
     * filter's blocking read.
     *
     * @param name               the WAR's name
     * @param jdbcUrl            the datasource's URL
     * @param microprofileConfig the receiver's settings
     * @return the deployment
     */
    public static WebArchive deployment(String name, String jdbcUrl, String microprofileConfig) {
        return Deployments.receiverWithObservers(name, microprofileConfig)
                .addClass(DatabaseObservers.class)
                .addAsLibrary(driverJar())
                .setWebXML(new StringAsset(webXml(dataSourceClass(), jdbcUrl, "gme_it")));
    }

    /**
     * Our WAR as the tests deploy it (console, FORM login, observers), its web.xml with a
     * datasource of this run's database {@code java:app/jdbc/gme-it} added.
     *
     * @param name               the WAR's name
     * @param microprofileConfig the receiver's settings
     * @return the archive
     */
    public static WebArchive consoleDeployment(String name, String microprofileConfig) throws java.io.IOException {
        String ours = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("gme.it.webapp"),
                "WEB-INF/web.xml"));
        String dataSource = """
                    <data-source>
                        <name>java:app/jdbc/gme-it</name>
                        <class-name>%s</class-name>
                        <url>%s</url>
                        <user>gme_it</user>
                        <password>gme_it</password>
                        <transactional>true</transactional>
                    </data-source>
                </web-app>""".formatted(dataSourceClass(), URL);
        return Deployments.receiverWithObservers(name, microprofileConfig)
                .addAsLibrary(driverJar())
                .setWebXML(new StringAsset(ours.replace("</web-app>", dataSource)));
    }

    /**
     * Our WAR's web.xml plus a datasource {@code java:app/jdbc/gme-it}.
     *
     * @param className the datasource class
     * @param jdbcUrl   its URL
     * @param user      its user and password
     * @return the web.xml
     */
    public static String webXml(String className, String jdbcUrl, String user) {
        return """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <servlet>
                        <servlet-name>gme-recording-callback</servlet-name>
                        <servlet-class>io.github.gmecallback.web.RecordingCallbackServlet</servlet-class>
                        <load-on-startup>1</load-on-startup>
                    </servlet>
                    <servlet-mapping>
                        <servlet-name>gme-recording-callback</servlet-name>
                        <url-pattern>/recording-callback</url-pattern>
                    </servlet-mapping>
                    <filter>
                        <filter-name>gme-recording-callback-signature</filter-name>
                        <filter-class>io.github.gmecallback.web.SignatureFilter</filter-class>
                    </filter>
                    <filter-mapping>
                        <filter-name>gme-recording-callback-signature</filter-name>
                        <servlet-name>gme-recording-callback</servlet-name>
                    </filter-mapping>
                    <data-source>
                        <name>java:app/jdbc/gme-it</name>
                        <class-name>%s</class-name>
                        <url>%s</url>
                        <user>%s</user>
                        <password>%s</password>
                        <transactional>true</transactional>
                    </data-source>
                </web-app>
                """.formatted(className, jdbcUrl, user, user);
    }
}
