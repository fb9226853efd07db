package io.github.gmecallback.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The receiver's answers: {@code {"code":0}} for success, {@code {"code":<status>,"message":"…"}}
 * for every error. Messages are the receiver's own sentences; no answer repeats the body or a
 * header.
 */
final class Answers {

    static final String JSON = "application/json";

    private static final byte[] OK = "{\"code\":0}".getBytes(StandardCharsets.US_ASCII);

    private Answers() {
    }

    static void ok(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_OK, OK);
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        String json = "{\"code\":" + status + ",\"message\":\"" + escape(message) + "\"}";
        write(response, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        // Through the output stream, so no server appends a charset to GME's content type.
        response.setContentType(JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** JSON string escaping for the receiver's own messages. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
