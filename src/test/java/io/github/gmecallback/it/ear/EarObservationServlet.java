package io.github.gmecallback.it.ear;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** In the EAR's unrelated web module: reports {@link EarObservations}, one line each. */
@WebServlet("/test/observations")
public class EarObservationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        StringBuilder out = new StringBuilder();
        EarObservations.seen().forEach(line -> out.append(line).append('\n'));
        response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
