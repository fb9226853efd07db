package io.github.gmecallback.it.host;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /test/host-transactions}: what {@link HostTransactionFilter} noted, a line each. */
@WebServlet("/test/host-transactions")
public class HostTransactionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(String.join("\n", HostTransactionFilter.NOTES));
    }
}
