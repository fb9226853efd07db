package io.github.gmecallback.it.host;

import jakarta.annotation.Resource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A host application's filter around the callback endpoint, as some applications run every
 * request: it begins a JTA transaction before the request, writes a row of its own in it (into
 * {@code gme_it_writes}, TaskID minus the query's {@code host-task}, UserID {@code host-filter}),
 * and rolls it back once the request is answered, as a host whose later work failed does. Notes
 * {@code <host-task> <status after the request>} for each request ({@code ACTIVE} when the
 * transaction was still the thread's and open), then {@code <host-task> rolled-back}.
 */
@WebFilter(urlPatterns = "/recording-callback")
public class HostTransactionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** What each request left, oldest first. */
    static final List<String> NOTES = new CopyOnWriteArrayList<>();

    @Resource
    transient UserTransaction transaction;

    @Resource(lookup = "java:app/jdbc/gme-it")
    transient DataSource dataSource;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String query = request.getQueryString();
        long task = query != null && query.startsWith("host-task=") ? Long.parseLong(query.substring(10)) : 0;
        try {
            transaction.begin();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO gme_it_writes VALUES (?, 'host-filter')")) {
                insert.setLong(1, -task);
                insert.executeUpdate();
            }
            chain.doFilter(request, response);
            NOTES.add(task + " " + (transaction.getStatus() == Status.STATUS_ACTIVE ? "ACTIVE" : transaction.getStatus()));
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        } finally {
            try {
                transaction.rollback();
                NOTES.add(task + " rolled-back");
            } catch (Exception e) {
                NOTES.add(task + " rollback failed: " + e);
            }
        }
    }
}
