package io.github.gmecallback.it.postgres;

import io.github.gmecallback.it.Deployments;
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
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL that {@code .ci/postgres} starts, for the tests that need a real, shared,
 * durable database. Under {@code CI=true} its absence fails them; a local run without it skips
 * them and says so.
 */
public final class Postgres {

    /** The tests' database. */
    public static final String URL = System.getProperty("gme.it.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/gme_it");

    private Postgres() {
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
     * Creates the table the test observers write to, or skips (fails under CI) the calling test
     * class when the database cannot be reached.
     *
     * @param test the test class, for the message
     */
    public static void require(Class<?> test) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS gme_it_pg_writes (task_id BIGINT NOT NULL, user_id VARCHAR(100))");
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is required under CI=true but " + URL + " cannot be reached: "
                        + e.getMessage(), e);
            }
            System.out.println("SKIPPED " + test.getSimpleName() + ": PostgreSQL at " + URL + " cannot be reached ("
                    + e.getMessage() + "). Run `sudo .ci/postgres` first to include these tests.");
            Assumptions.abort("PostgreSQL at " + URL + " cannot be reached; run .ci/postgres to include these tests");
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
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM gme_it_pg_writes WHERE task_id = ?")) {
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
        Map<String, Long> outcomes = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement select = c.prepareStatement(
                "SELECT outcome, COUNT(*) FROM gme_callback_journal WHERE task_id = ? GROUP BY outcome")) {
            select.setLong(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    outcomes.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return outcomes;
    }

    /**
     * A receiver with the test observers, {@link PostgresObservers}, the PostgreSQL driver and a
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
        File driver = new File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        return Deployments.receiverWithObservers(name, microprofileConfig)
                .addClass(PostgresObservers.class)
                .addAsLibrary(driver)
                .setWebXML(new StringAsset(webXml("org.postgresql.ds.PGSimpleDataSource", jdbcUrl, "gme_it")));
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
