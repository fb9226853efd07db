package io.github.gmecallback.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gmecallback.Samples;
import io.github.gmecallback.signature.CallbackSigner;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus, {@code src/test/resources/hostile/cases.json}, over real HTTP: each case
 * is a request and the answer it must get (status and exact message). No refused case may reach
 * a {@code RecordingCallback} observer, no answer may repeat the body or the signature, and the
 * few accepted edge cases reach the observers exactly once.
 *
 * <p>A case's body may hold placeholders: {@code {TASK}} (a fresh TaskID), {@code {TS}} (now, in
 * seconds; {@code {TS-86401}}, {@code {TS+301}}), {@code {repeat:x:60000}} (a character
 * repeated), {@code {NONCE}} (varied until a URL-safe signature differs from the standard one).
 * {@code sign} says how the {@code Signature} header is made; {@code raw} names a request the
 * JDK's client cannot send.
 */
@ArquillianTest
class HostileInputIT {

    static final String KEY = Secrets.key("hostile-default-key");
    static final String APP_B_KEY = Secrets.key("hostile-app-b-key");
    private static final AtomicLong TASK_IDS = new AtomicLong(Samples.TASK_ID + 40_000_000 + System.nanoTime() % 1_000_000 * 100);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(TASK|TS|TS[-+][0-9]+|repeat:.:[0-9]+|NONCE)}");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive receiver() {
        return Deployments.receiverWithObservers("gme-hostile.war", String.join("\n",
                "gme.callback.secret-key=" + KEY, "gme.callback.secret-key.1400000001=" + APP_B_KEY));
    }

    private static JsonArray cases() throws Exception {
        try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/cases.json");
             JsonReader reader = Json.createReader(in)) {
            return reader.readArray();
        }
    }

    @Test
    void everyCaseGetsItsAnswerAndNoRefusedOneReachesAnObserver() throws Exception {
        URI endpoint = URI.create(base.toString()).resolve("recording-callback");
        Observations observations = new Observations(base);
        List<String> failures = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        JsonArray cases = cases();
        assertTrue(cases.size() >= 60, "the corpus holds at least 60 cases");
        for (JsonObject c : cases.getValuesAs(JsonObject.class)) {
            long taskId = TASK_IDS.incrementAndGet();
            try {
                Answer answer = send(endpoint, c, taskId);
                check(c, answer);
                if (c.getBoolean("accepted", false)) {
                    // A negative TaskID is sent as -{TASK}, and observed so.
                    long observed = c.getString("body", "").contains("\"TaskID\":-{TASK}") ? -taskId : taskId;
                    accepted.add(observed);
                    assertEquals(1, observations.await(observed, seen -> seen.contains("any")).stream()
                            .filter("any"::equals).count(), "one synchronous call");
                }
            } catch (AssertionError | Exception e) {
                failures.add(c.getString("name") + ": " + e.getMessage());
            }
        }
        accepted.add(observations.afterALaterCallback(URI.create(base.toString()).resolve("recording-callback"), KEY));
        List<String> reached = Http.get(URI.create(base.toString()).resolve("test/observations")).body().lines()
                .filter(line -> !line.startsWith("rejected "))
                .filter(line -> !accepted.contains(Long.parseLong(line.split(" ")[1])))
                .toList();
        assertEquals(List.of(), reached, "refused callbacks that reached an observer");
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " cases failed");
    }

    /** What the server answered: status and body, or nothing when it closed the connection. */
    private record Answer(int status, String body, String contentType, String signature) {
    }

    private Answer send(URI endpoint, JsonObject c, long taskId) throws Exception {
        String method = c.getString("method", "POST");
        if (!method.equals("POST")) {
            HttpResponse<String> response = Http.send(endpoint, method);
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), null);
        }
        byte[] body;
        String sign = c.getString("sign", "default");
        int nonce = 0;
        String signature;
        do {
            body = body(c, taskId, nonce++);
            signature = signature(c, sign, body);
        } while (sign.equals("url-safe") && signature.equals(CallbackSigner.base64(body, KEY)));
        if (c.containsKey("raw")) {
            return raw(c.getString("raw"), endpoint, body, signature);
        }
        HttpResponse<String> response = Http.post(endpoint, body, signature);
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""), signature);
    }

    private static byte[] body(JsonObject c, long taskId, int nonce) {
        if (c.containsKey("bodyHex")) {
            return HexFormat.of().parseHex(c.getString("bodyHex"));
        }
        long now = System.currentTimeMillis() / 1000;
        Matcher m = PLACEHOLDER.matcher(c.getString("body"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String p = m.group(1);
            String value = switch (p) {
                case "TASK" -> Long.toString(taskId);
                case "TS" -> Long.toString(now);
                case "NONCE" -> Integer.toString(nonce);
                default -> p.startsWith("repeat:") ? p.substring(7, 8).repeat(Integer.parseInt(p.substring(9)))
                        : Long.toString(now + Long.parseLong(p.substring(2)));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String signature(JsonObject c, String sign, byte[] body) {
        String standard = CallbackSigner.base64(body, KEY);
        return switch (sign) {
            case "default" -> standard;
            case "none" -> null;
            case "literal" -> c.getString("signature");
            case "app-b" -> CallbackSigner.base64(body, APP_B_KEY);
            case "wrong-key" -> CallbackSigner.base64(body, "not-the-key");
            case "other-body" -> CallbackSigner.base64((new String(body, StandardCharsets.UTF_8) + " ")
                    .getBytes(StandardCharsets.UTF_8), KEY);
            case "no-padding" -> standard.replace("=", "");
            case "url-safe" -> standard.replace('+', '-').replace('/', '_');
            case "spaces" -> "  " + standard + " ";
            case "upper-hex" -> CallbackSigner.hex(body, KEY).toUpperCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("unknown sign mode " + sign);
        };
    }

    private Answer raw(String kind, URI endpoint, byte[] body, String signature) throws Exception {
        String head = "POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\n";
        String text = switch (kind) {
            case "two-signatures" -> Http.raw(base, head + "Signature: " + signature + "\r\nSignature: " + signature
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n", body);
            case "lower-case-header" -> Http.raw(base, head + "signature: " + signature
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n", body);
            case "content-length-larger" -> Http.raw(base, head + "Signature: " + signature
                    + "\r\nContent-Length: " + (body.length + 10) + "\r\n\r\n", body, true);
            case "content-length-smaller" -> Http.raw(base, head + "Signature: " + signature
                    + "\r\nContent-Length: " + (body.length - 5) + "\r\n\r\n", body);
            case "chunked" -> Http.raw(base, head + "Signature: " + signature
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(body));
            default -> throw new IllegalArgumentException("unknown raw request " + kind);
        };
        if (text.isEmpty()) {
            return new Answer(-1, "", "", signature);
        }
        String finalAnswer = text.replaceFirst("^HTTP/1.1 100 Continue\r\n\r\n", "");
        int status = Integer.parseInt(finalAnswer.substring(9, 12));
        int headEnd = finalAnswer.indexOf("\r\n\r\n");
        String headers = finalAnswer.substring(0, headEnd).toLowerCase(Locale.ROOT);
        String contentType = headers.contains("content-type: application/json") ? "application/json" : "";
        return new Answer(status, finalAnswer.substring(headEnd + 4), contentType, signature);
    }

    private static byte[] chunked(byte[] body) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < body.length; at += 4096) {
            int n = Math.min(4096, body.length - at);
            out.append(Integer.toHexString(n)).append("\r\n")
                    .append(new String(body, at, n, StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        return out.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void check(JsonObject c, Answer answer) {
        if (answer.status() == -1 && c.getBoolean("mayCloseInstead", false)) {
            return;
        }
        int status = c.getInt("status");
        assertEquals(status, answer.status(), "status; answer " + answer.body());
        if (c.getBoolean("accepted", false)) {
            assertEquals("{\"code\":0}", answer.body());
            return;
        }
        if (c.getBoolean("serverAnswer", false) || c.getString("method", "POST").equals("HEAD")) {
            return;
        }
        assertEquals("application/json", answer.contentType(), "content type");
        assertTrue(answer.body().length() < 2000, "short answer");
        if (answer.signature() != null && !answer.signature().isBlank()) {
            assertTrue(!answer.body().contains(answer.signature().strip()), "the answer repeats the signature");
        }
        String prefix = "{\"code\":" + status + ",\"message\":\"";
        assertTrue(answer.body().startsWith(prefix) && answer.body().endsWith("\"}"), answer.body());
        String message = answer.body().substring(prefix.length(), answer.body().length() - 2);
        if (c.containsKey("message")) {
            assertEquals(c.getString("message"), message);
        } else if (c.containsKey("messageMatches")) {
            assertTrue(message.matches(c.getString("messageMatches")), "message '" + message + "'");
        }
    }
}
