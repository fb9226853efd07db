package io.github.gmecallback.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's pages: one layout, and escaping for everything that goes into it. Every value
 * shown comes from a callback, a refusal or a request, so every value goes through
 * {@link #escape}; nothing is fetched from another host (the stylesheet is the console's own).
 */
final class Html {

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
     * Writes a whole page.
     *
     * @param response the response, its security headers set
     * @param base     the console's path, with a trailing slash
     * @param title    the page's title (escaped here)
     * @param body     the page's content, escaped already
     * @throws IOException if the client went away
     */
    static void page(HttpServletResponse response, String base, String title, String body) throws IOException {
        page(response, base, base + "console.css", title, body);
    }

    /**
     * Writes a whole page with a stylesheet from elsewhere than the console (the login page's: one
     * under the console's protected path would be fetched before the login and become the page
     * the user lands on after it).
     *
     * @param response the response, its security headers set
     * @param base     the console's path, with a trailing slash
     * @param css      the stylesheet's path
     * @param title    the page's title (escaped here)
     * @param body     the page's content, escaped already
     * @throws IOException if the client went away
     */
    static void page(HttpServletResponse response, String base, String css, String title, String body)
            throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · GME callbacks</title>"
                + "<link rel=\"stylesheet\" href=\"" + escape(css) + "\"></head><body>"
                + "<header><strong>GME recording callbacks</strong><nav>"
                + "<a href=\"" + escape(base) + "\">Callbacks</a> <a href=\"" + escape(base) + "stats\">Counters</a>"
                + "</nav></header><main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>\n";
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the stylesheet, for the console and its login page alike.
     *
     * @param response the response
     * @throws IOException if the client went away
     */
    static void css(HttpServletResponse response) throws IOException {
        response.setContentType("text/css;charset=UTF-8");
        response.getOutputStream().write(CSS.getBytes(StandardCharsets.UTF_8));
    }

    /** The console's stylesheet: plain, readable, no external fonts or images. */
    static final String CSS = """
            body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d232a; background: #f6f7f9; }
            header { display: flex; gap: 2em; align-items: center; padding: .8em 1.5em; background: #23313f; color: #fff; }
            header a { color: #d6e4f0; margin-right: 1em; text-decoration: none; }
            main { padding: 1em 1.5em 3em; max-width: 78em; }
            h1 { font-size: 1.35em; margin: .4em 0 .8em; }
            table { border-collapse: collapse; width: 100%; background: #fff; }
            th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
            th { background: #eef1f4; font-weight: 600; }
            td.num { font-variant-numeric: tabular-nums; }
            form.filters { display: flex; flex-wrap: wrap; gap: .6em 1em; margin-bottom: 1em; align-items: end; }
            form.filters label { display: flex; flex-direction: column; font-size: .85em; color: #4a5561; }
            input, select, button { font: inherit; padding: .25em .4em; }
            button { background: #2b6cb0; color: #fff; border: 0; border-radius: 3px; padding: .4em .9em; cursor: pointer; }
            button.danger { background: #b83232; }
            pre { background: #fff; border: 1px solid #e3e6ea; padding: 1em; overflow: auto; }
            .outcome { font-weight: 600; }
            .PROCESSED { color: #1f7a3a; } .DUPLICATE { color: #5a6570; } .FAILED, .DEAD { color: #b83232; }
            .PENDING { color: #a06a00; }
            dl { display: grid; grid-template-columns: max-content auto; gap: .3em 1.2em; background: #fff; padding: 1em; }
            dt { color: #4a5561; } dd { margin: 0; }
            .pager { margin-top: 1em; display: flex; gap: 1em; }
            .notice { background: #fff4e5; border: 1px solid #f0c080; padding: .6em 1em; }
            """;
}
