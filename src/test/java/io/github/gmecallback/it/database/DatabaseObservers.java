package io.github.gmecallback.it.database;

import io.github.gmecallback.recording.RecordingCallback;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * An observer of each test deployment on the tests' database: writes one row per callback it processes,
 * through the dedupe store's own datasource, so the row commits with the callback's claim.
 * The test counts the rows of all deployments in the database itself. It runs before the other
 * observers, so that an observer that throws after it rolls its row back.
 */
@ApplicationScoped
public class DatabaseObservers {

    @Resource(lookup = "java:app/jdbc/gme-it")
    DataSource dataSource;

    void write(@Observes @Priority(Interceptor.Priority.APPLICATION) RecordingCallback callback) throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO gme_it_writes VALUES (?, ?)")) {
            insert.setLong(1, callback.taskId());
            insert.setString(2, callback.userId().replace('\0', '?')); // PostgreSQL text holds no NUL
            insert.executeUpdate();
        }
        if ("slow".equals(callback.userId())) {
            Thread.sleep(1000);
        }
    }
}
