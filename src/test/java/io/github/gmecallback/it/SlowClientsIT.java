package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Slow clients cannot starve GME's callbacks: while twice as many connections as the server has
 * worker threads hang on the endpoint (bodies trickled a byte a second, chunked or with a
 * {@code Content-Length}, headers with no body at all, or a body over the limit), callbacks from
 * another client are answered within GME's 5 s timeout each. The slow ones are answered 408
 * once their 10 s are up (413 at once for the oversized), and their bodies, though correctly
 * signed, reach no observer.
 */
@ArquillianTest
class SlowClientsIT {

    private static final String KEY = Secrets.key("slow-clients-secret-key");
    /**
     * The larger of the two servers' default request thread pools, doubled: WildFly's Undertow
     * worker has 16 threads per core ({@code task-max-threads}), Payara's {@code http-thread-pool} 5.
     */
    private static final int SLOW = 2 * Math.max(16 * Runtime.getRuntime().availableProcessors(), 5);
    /** Connections that send nothing at all: the server's own parser holds them, not a thread of ours. */
    private static final int SILENT = 8;
    private static final int VALID = 10;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-slow.war", "gme.callback.secret-key=" + KEY);
    }

    private enum Style {
        TRICKLED(408, "the body did not arrive within 10 seconds"),
        TRICKLED_CHUNKED(408, "the body did not arrive within 10 seconds"),
        HEADERS_ONLY(408, "the body did not arrive within 10 seconds"),
        /** A {@code Content-Length} over the limit, refused at once, then trickled all the same. */
        OVERSIZED(413, "the body is larger than 65536 bytes");

        private final int status;
        private final String message;

        Style(int status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    private record Slow(Socket socket, Style style, long taskId, byte[] body) {
    }

    @Test
    void callbacksAreAnsweredWithinASecondWhileSlowClientsHangOn() throws Exception {
        URI endpoint = URI.create(base.toString()).resolve("recording-callback");
        Observations observations = new Observations(base);
        long firstTask = Samples.TASK_ID + 70_000_000 + System.nanoTime() % 1_000_000 * 1_000;
        assertEquals(200, post(endpoint, firstTask).statusCode(), "a first callback, before the slow clients");
        long timedOutBefore = observations.rejected("BODY_TIMEOUT");

        List<Slow> slow = new ArrayList<>();
        List<Socket> silent = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW; i++) {
                slow.add(open(Style.values()[i % Style.values().length], firstTask + 1 + i));
            }
            for (int i = 0; i < SILENT; i++) {
                silent.add(new Socket(base.getHost(), base.getPort()));
            }
            int[] sent = {0};
            trickle.scheduleAtFixedRate(() -> {
                for (Slow s : slow) {
                    if (s.style() != Style.HEADERS_ONLY && sent[0] < s.body().length) {
                        byte[] next = s.style() == Style.TRICKLED ? new byte[] {s.body()[sent[0]]}
                                : ("1\r\n" + (char) s.body()[sent[0]] + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                        try {
                            s.socket().getOutputStream().write(next);
                        } catch (IOException closedByTheServer) {
                            // its 408 is read below
                        }
                    }
                }
                sent[0]++;
            }, 0, 1, TimeUnit.SECONDS);

            long validTask = firstTask + 1 + SLOW;
            for (int i = 0; i < VALID; i++) {
                long started = System.nanoTime();
                var response = post(endpoint, validTask + i);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, response.statusCode(), "callback " + i + " beside the slow clients: " + response.body());
                // GME gives up after 5 s: the bound that matters, and one a loaded machine keeps.
                assertTrue(millis < 5000, "callback " + i + " beside " + SLOW + " slow clients took " + millis + " ms");
                assertEquals(List.of("any", "uploaded"), observations.observers(validTask + i).stream()
                        .filter(name -> !name.startsWith("async")).sorted().toList());
            }

            for (Slow s : slow) {
                String answer = answer(s.socket());
                assertTrue(answer.startsWith("HTTP/1.1 " + s.style().status + " "), s.style() + " client got: " + answer);
                assertTrue(answer.contains("{\"code\":" + s.style().status + ",\"message\":\"" + s.style().message + "\"}"),
                        s.style() + " client got: " + answer);
                assertEquals(List.of(), observations.of(s.taskId()), "a slow client's callback reached observers");
            }
            long timedOut = slow.stream().filter(s -> s.style().status == 408).count();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (observations.rejected("BODY_TIMEOUT") - timedOutBefore < timedOut && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(timedOut, observations.rejected("BODY_TIMEOUT") - timedOutBefore,
                    "one CallbackRejected per body that did not arrive in time");
        } finally {
            trickle.shutdownNow();
            for (Slow s : slow) {
                s.socket().close();
            }
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    private java.net.http.HttpResponse<String> post(URI endpoint, long taskId) {
        byte[] body = Samples.utf8(Samples.callback(taskId, 3));
        return Http.post(endpoint, body, CallbackSigner.base64(body, KEY));
    }

    /** Opens a connection and sends the request's head; the body is left to the trickle. */
    private Slow open(Style style, long taskId) throws IOException {
        byte[] body = Samples.utf8(Samples.callback(taskId, 3));
        String signature = CallbackSigner.base64(body, KEY);
        Secrets.signature(signature);
        String framing = switch (style) {
            case TRICKLED_CHUNKED -> "Transfer-Encoding: chunked";
            case OVERSIZED -> "Content-Length: 100000";
            default -> "Content-Length: " + body.length;
        };
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(30_000); // observe at most 30 s
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + URI.create(base.toString()).resolve("recording-callback").getPath() + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Signature: " + signature + "\r\n"
                + framing + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return new Slow(socket, style, taskId, body);
    }

    /** Everything the server answered until it closed the connection. */
    private static String answer(Socket socket) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException endOfAnswer) {
            // what arrived is the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
