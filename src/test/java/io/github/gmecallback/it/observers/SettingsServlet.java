package io.github.gmecallback.it.observers;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code GET /test/settings}: the names (never the values) of the server process's environment
 * variables that MicroProfile Config maps to a {@code gme.callback.*} key, as {@code env NAME},
 * and of its {@code gme.callback.*} system properties, as {@code property NAME}: a line each.
 */
@WebServlet("/test/settings")
public class SettingsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TreeSet<String> lines = new TreeSet<>();
        System.getenv().keySet().stream()
                .filter(name -> name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').startsWith("GME_CALLBACK_"))
                .forEach(name -> lines.add("env " + name));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("gme.callback."))
                .forEach(name -> lines.add("property " + name));
        response.setContentType("text/plain;charset=UTF-8");
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
