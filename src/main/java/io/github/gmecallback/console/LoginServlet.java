package io.github.gmecallback.console;

import static io.github.gmecallback.console.Html.escape;

import io.github.gmecallback.config.CallbackConfiguration;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The login form of the console in our WAR ({@code form-login-page} and {@code form-error-page}
 * of its {@code web.xml}): posts to {@code j_security_check}, which the server checks against its
 * realm. Embedded, the host's own login configuration applies instead.
 */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleGuard.frameHeaders(response);
        if (request.getServletPath().endsWith(".css")) {
            Html.css(response);
            return;
        }
        boolean failed = request.getServletPath().endsWith("-failed");
        String base = request.getContextPath() + "/";
        String body = (failed ? "<p class=\"notice\">Wrong user name or password, or not an operator.</p>" : "")
                + "<form method=\"post\" action=\"" + escape(request.getContextPath()) + "/j_security_check\">"
                + "<dl><dt><label for=\"user\">User</label></dt><dd><input id=\"user\" name=\"j_username\" "
                + "autocomplete=\"username\" required></dd><dt><label for=\"password\">Password</label></dt><dd>"
                + "<input id=\"password\" name=\"j_password\" type=\"password\" autocomplete=\"current-password\" "
                + "required></dd></dl><button type=\"submit\">Log in</button></form>"
                + "<p>Operators are users of the server's application realm in the role gme-operator.</p>";
        String console = CDI.current().select(CallbackConfiguration.class).get().settings().console().path();
        Html.page(response, request.getContextPath() + console + "/", base + "console-login.css", "Log in", body);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
