package io.github.gmecallback.bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The server's floor: a servlet that reads the body and answers {@code 200 {"code":0}}, as the
 * receiver does, with nothing in between. The benchmark's {@code baseline.war} holds only this.
 */
@WebServlet("/recording-callback")
public class BaselineServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] OK = "{\"code\":0}".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream in = request.getInputStream()) {
            in.readAllBytes();
        }
        response.setContentType("application/json");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }
}
