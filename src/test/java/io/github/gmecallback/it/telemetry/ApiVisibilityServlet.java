package io.github.gmecallback.it.telemetry;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Says which telemetry APIs the deployment's class loader can see, a line each: {@code <class> <true|false>}. */
@WebServlet("/test/apis")
public class ApiVisibilityServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String api : new String[] {"io.opentelemetry.api.OpenTelemetry",
                "org.eclipse.microprofile.metrics.MetricRegistry"}) {
            boolean visible;
            try {
                Class.forName(api, false, Thread.currentThread().getContextClassLoader());
                visible = true;
            } catch (ClassNotFoundException | LinkageError e) {
                visible = false;
            }
            out.append(api).append(' ').append(visible).append('\n');
        }
        response.setContentType("text/plain");
        response.getWriter().write(out.toString());
    }
}
