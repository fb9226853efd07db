package io.github.gmecallback.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console's HTML: templates (text blocks with {@code {{name}}} slots), one layout, and the
 * one place where text is escaped. Every value shown comes from a callback, a refusal or a
 * request, so {@link #fill} escapes every value it puts into a slot, unless it is {@link Markup}
 * that another template made. Nothing is fetched from another host: the stylesheet is the
 * console's own resource, {@code console.css}.
 */
final class Html {

    /** HTML made by a template, which goes into a slot as it is. */
    record Markup(String html) {

        static final Markup NONE = new Markup("");

        /** Markup made of several, in order. */
        static Markup join(List<Markup> parts) {
            return new Markup(parts.stream().map(Markup::html).collect(Collectors.joining()));
        }
    }

    /**
     * What every page of one request shares: the console's path, the session's CSRF token (for the
     * log-out and every form), and the banner shown above the title (the inbox paused, say).
     *
     * @param base   the console's path, with a trailing slash
     * @param token  the session's CSRF token; {@code null} where there is no session
     * @param banner what to show above every page's title
     */
    record Frame(String base, String token, Markup banner) {
    }

    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final byte[] CSS = stylesheet();

    private static final String LAYOUT = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>{{title}} · GME callbacks</title><link rel="stylesheet" href="{{css}}"></head><body>\
            <header><strong>GME recording callbacks</strong><nav>\
            <a href="{{base}}">Callbacks</a> <a href="{{base}}recordings">Recordings</a> \
            <a href="{{base}}overdue">Overdue</a> <a href="{{base}}dead">Dead letters</a> \
            <a href="{{base}}stats">Counters</a></nav>{{logout}}</header>\
            <main>{{banner}}<h1>{{title}}</h1>{{body}}</main></body></html>
            """;
    /** The log-out of every console page: a POST with the session's token, as every change. */
    private static final String LOGOUT = """
            <form class="logout" method="post" action="{{base}}logout"><input type="hidden" name="{{field}}" \
            value="{{token}}"><button type="submit">Log out</button></form>""";

    private Html() {
    }

    /**
     * Text as HTML content or a quoted attribute value.
     *
     * @param text any text, or {@code null}
     * @return the text with {@code & < > " '} escaped; empty for {@code null}
     */
    static String escape(Object text) {
        if (text == null) {
            return "";
        }
        String value = text.toString();
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * Fills a template's slots.
     *
     * @param template the template, with {@code {{name}}} slots
     * @param slots    names and values, in pairs: a {@link Markup} value as it is, any other
     *                 escaped ({@code null} as nothing)
     * @return the markup
     * @throws IllegalArgumentException for a slot without a value
     */
    static Markup fill(String template, Object... slots) {
        Matcher slot = SLOT.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 256);
        while (slot.find()) {
            slot.appendReplacement(html, Matcher.quoteReplacement(value(slots, slot.group(1))));
        }
        slot.appendTail(html);
        return new Markup(html.toString());
    }

    private static String value(Object[] slots, String name) {
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i].equals(name)) {
                return slots[i + 1] instanceof Markup markup ? markup.html() : escape(slots[i + 1]);
            }
        }
        throw new IllegalArgumentException("no value for the slot " + name);
    }

    /**
     * Writes a whole page in the console's layout.
     *
     * @param response the response, its security headers set
     * @param frame    the console's path, the session's token and the banner
     * @param title    the page's title
     * @param body     the page's content
     * @throws IOException if the client went away
     */
    static void page(HttpServletResponse response, Frame frame, String title, Markup body) throws IOException {
        write(response, frame.base(), frame.base() + "console.css", frame.token(), frame.banner(), title, body);
    }

    /**
     * Writes the login page: no log-out, and a stylesheet from elsewhere than the console (one
     * under the console's protected path would be fetched before the login and become the page
     * the user lands on after it).
     *
     * @param response the response, its security headers set
     * @param base     the console's path, with a trailing slash
     * @param css      the stylesheet's path
     * @param title    the page's title
     * @param body     the page's content
     * @throws IOException if the client went away
     */
    static void loginPage(HttpServletResponse response, String base, String css, String title, Markup body)
            throws IOException {
        write(response, base, css, null, Markup.NONE, title, body);
    }

    /** A page in the layout; with a token, a log-out button in its header (none on the login page). */
    private static void write(HttpServletResponse response, String base, String css, String token, Markup banner,
            String title, Markup body) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        Markup logout = token == null ? Markup.NONE
                : fill(LOGOUT, "base", base, "field", ConsoleGuard.FIELD, "token", token);
        Markup page = fill(LAYOUT, "title", title, "css", css, "base", base, "logout", logout, "banner", banner,
                "body", body);
        response.getOutputStream().write(page.html().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the stylesheet, for the console and its login page alike.
     *
     * @param response the response
     * @throws IOException if the client went away
     */
    static void css(HttpServletResponse response) throws IOException {
        response.setContentType("text/css;charset=UTF-8");
        response.getOutputStream().write(CSS);
    }

    private static byte[] stylesheet() {
        try (InputStream in = Html.class.getResourceAsStream("console.css")) {
            if (in == null) {
                throw new IllegalStateException("console.css is missing from the receiver's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
