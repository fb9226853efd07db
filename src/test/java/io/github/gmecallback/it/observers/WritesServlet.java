package io.github.gmecallback.it.observers;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** How many rows {@link TransactionalObservers} committed for a TaskID. */
@WebServlet("/test/writes")
public class WritesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:comp/DefaultDataSource")
    transient DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM gme_it_writes WHERE task_id = ?")) {
            count.setLong(1, Long.parseLong(request.getParameter("taskId")));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                response.setContentType("text/plain");
                response.getWriter().print(rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
