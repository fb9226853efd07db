package io.github.gmecallback.console;

import io.github.gmecallback.console.Html.Markup;
import io.github.gmecallback.receiver.Receiver;
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
    private static final Markup FAILED = new Markup(
            "<p class=\"notice\">Wrong user name or password, or not an operator.</p>");
    private static final String FORM = """
            {{notice}}<form method="post" action="{{context}}/j_security_check"><dl>\
            <dt><label for="user">User</label></dt><dd><input id="user" name="j_username" autocomplete="username" \
            required></dd><dt><label for="password">Password</label></dt><dd><input id="password" name="j_password" \
            type="password" autocomplete="current-password" required></dd></dl>\
            <button type="submit">Log in</button></form>\
            <p>Operators are users of the server's application realm in the role gme-operator.</p>""";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleGuard.frameHeaders(response);
        // The session the server started for the login (it keeps the page asked for), Secure over HTTPS.
        ConsoleSessions.secureCookie(request, response, request.getSession(false));
        if (request.getServletPath().endsWith(".css")) {
            Html.css(response);
            return;
        }
        boolean failed = request.getServletPath().endsWith("-failed");
        String base = request.getContextPath() + "/";
        Markup body = Html.fill(FORM, "notice", failed ? FAILED : Markup.NONE, "context", request.getContextPath());
        String console = CDI.current().select(Receiver.class).get().settings().console().path();
        Html.loginPage(response, request.getContextPath() + console + "/", base + "console-login.css", "Log in", body);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
