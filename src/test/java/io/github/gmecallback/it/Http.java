package io.github.gmecallback.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real HTTP against the test server: the JDK client, and a raw socket for what it cannot send. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {
    }

    /** POSTs a body with the given {@code Signature} (none when {@code null}). */
    public static HttpResponse<String> post(URI uri, byte[] body, String signature) {
        return post(uri, body, signature, null);
    }

    /** POSTs a signed body as part of a trace: with a W3C {@code traceparent} (none when {@code null}). */
    public static HttpResponse<String> post(URI uri, byte[] body, String signature, String traceparent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        if (signature != null) {
            Secrets.signature(signature);
            Secrets.body(body);
            request.header("Signature", signature);
        }
        return send(request.build());
    }

    /**
     * POSTs a signed body as GME does, and returns the status, or {@code -1} when the connection
     * failed (refused, reset, timed out): for clients that retry.
     */
    public static int postStatus(URI uri, byte[] body, String signature) {
        Secrets.signature(signature);
        Secrets.body(body);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException connectionFailed) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Any method, no body. */
    public static HttpResponse<String> send(URI uri, String method) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public static HttpResponse<String> get(URI uri) {
        return send(uri, "GET");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Writes a request head (and optional body bytes) over a plain socket and returns everything
     * the server answers until it closes the connection or 10 s pass.
     */
    public static String raw(URL base, String head, byte[] body) throws IOException {
        return raw(base, head, body, false);
    }

    /**
     * As {@link #raw(URL, String, byte[])}; with {@code endInput}, the socket's output is shut
     * down after the request, so the server sees the end of the body at once.
     */
    public static String raw(URL base, String head, byte[] body, boolean endInput) throws IOException {
        head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("signature:"))
                .forEach(line -> {
                    Secrets.signature(line.substring("signature:".length()));
                    Secrets.body(body);
                });
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                if (endInput) {
                    socket.shutdownOutput();
                }
            } catch (java.net.SocketException answeredBeforeTheEnd) {
                // A server that refuses early (413) may close before the whole body is written;
                // its answer is still to be read.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    if (complete(answer.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException endOfAnswer) {
                // what arrived is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether a raw answer holds one final (non-1xx) response with its whole body. */
    private static boolean complete(String answer) {
        int start = answer.indexOf("HTTP/1.1 ");
        while (start >= 0 && answer.startsWith("HTTP/1.1 1", start)) {
            start = answer.indexOf("HTTP/1.1 ", start + 1);
        }
        if (start < 0) {
            return false;
        }
        int headEnd = answer.indexOf("\r\n\r\n", start);
        if (headEnd < 0) {
            return false;
        }
        String head = answer.substring(start, headEnd).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int length = Integer.parseInt(head.substring(at + 15, head.indexOf('\n', at) < 0 ? head.length()
                : head.indexOf('\n', at)).strip());
        return answer.length() - (headEnd + 4) >= length;
    }
}
