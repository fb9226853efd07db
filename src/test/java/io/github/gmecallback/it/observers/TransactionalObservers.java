package io.github.gmecallback.it.observers;

import io.github.gmecallback.recording.RecordingCallback;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Observers of a deployment with the jdbc dedupe store: one writes a row per callback through
 * the same datasource, before the other observers run (priority 100); another notes callbacks
 * only once their transaction committed.
 */
@ApplicationScoped
public class TransactionalObservers {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    RecordingObservers observers;

    /**
     * At deployment, outside any callback's transaction: DDL inside it would commit it (H2
     * commits an open transaction before DDL), and with it the dedupe row.
     */
    void createTable(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS gme_it_writes (task_id BIGINT NOT NULL, user_id VARCHAR(100))");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void write(@Observes @Priority(100) RecordingCallback callback) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO gme_it_writes VALUES (?, ?)")) {
            insert.setLong(1, callback.taskId());
            insert.setString(2, callback.userId());
            insert.executeUpdate();
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordingCallback callback) {
        observers.note("after-success", callback);
    }
}
