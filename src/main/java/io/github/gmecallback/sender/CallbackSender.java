package io.github.gmecallback.sender;

import io.github.gmecallback.signature.CallbackSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Posts a signed recording callback to an endpoint, as GME would, and prints the answer: for
 * trying a receiver by hand, like a payment provider's "trigger" command. JDK only, so
 * {@code java -jar gme-sender.jar} runs anywhere:
 * <pre>
 * export GME_CALLBACK_SECRET_KEY=...   # or --key-file FILE
 * java -jar target/gme-sender.jar --url http://localhost:8080/gme/recording-callback --type upload-completed
 * java -jar target/gme-sender.jar --url ... --body my-callback.json --hex
 * </pre>
 * A sample is the documentation's example of its type, with the current {@code Timestamp} (so a
 * receiver's replay window accepts it) and a fresh {@code TaskID} unless {@code --task-id} sets
 * one. The exit status is 0 for a 2xx answer, 1 for any other answer (shown), 3 when the
 * endpoint cannot be reached, 2 for a usage error. The key is never printed.
 */
public final class CallbackSender {

    static final String KEY_VARIABLE = "GME_CALLBACK_SECRET_KEY";
    static final String USAGE = """
            usage: java -jar gme-sender.jar --url URL (--type TYPE | --body FILE) [options]
              --type TYPE      recording-started, recording-completed or upload-completed: a signed sample
              --body FILE      send this file's bytes exactly, instead of a sample
              --task-id N      the sample's TaskID (default: a new one each time)
              --biz-id N       the sample's BizID, your AppID (default 1400000000)
              --user-id ID     the sample's UserID (default 999)
              --hex            sign in hex instead of base64
              --key-file FILE  read the secret key from FILE (default: $GME_CALLBACK_SECRET_KEY)
              --key KEY        the secret key itself (discouraged: it lands in shell history and ps)
            exit status: 0 answered 2xx, 1 answered otherwise, 2 usage error, 3 endpoint unreachable""";

    private CallbackSender() {
    }

    /**
     * Runs the sender.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Runs the sender with the given environment and streams.
     *
     * @param args        the command line
     * @param environment where {@value #KEY_VARIABLE} is looked for
     * @param out         where the answer goes
     * @param err         where problems go
     * @return the exit status
     */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        SenderOptions options;
        byte[] body;
        String key;
        try {
            options = SenderOptions.parse(args);
            key = key(options, environment, err);
            body = options.body() != null ? Files.readAllBytes(options.body())
                    : SampleCallbacks.of(options.type(), options.bizId(), options.taskId(), options.userId())
                            .getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            err.println("gme-sender: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (NoSuchFileException e) {
            err.println("gme-sender: no such file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("gme-sender: cannot read " + e.getMessage());
            return 2;
        }
        String signature = options.hex() ? CallbackSigner.hex(body, key) : CallbackSigner.base64(body, key);
        return post(options.url(), body, signature, out, err);
    }

    private static String key(SenderOptions options, Map<String, String> environment, PrintStream err)
            throws IOException {
        if (options.key() != null) {
            err.println("gme-sender: warning: --key puts the key into your shell history and the process list; "
                    + "prefer " + KEY_VARIABLE + " or --key-file");
            return options.key();
        }
        if (options.keyFile() != null) {
            String key = Files.readString(options.keyFile(), StandardCharsets.UTF_8).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(options.keyFile() + " holds no key");
            }
            return key;
        }
        String key = environment.get(KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("no key: set " + KEY_VARIABLE + " or give --key-file FILE");
        }
        // Several comma-separated keys configure a receiver; the first signs.
        return key.split(",")[0].strip();
    }

    private static int post(URI url, byte[] body, String signature, PrintStream out, PrintStream err) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            // HTTP/1.1 as GME sends, and without the h2c upgrade attempt, which Payara's Grizzly
            // answered by closing the connection now and then.
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpTimeoutException e) {
            err.println("gme-sender: " + url + " cannot be reached: " + e);
            return 3;
        } catch (IOException e) {
            err.println("gme-sender: the request to " + url + " failed: " + e);
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
        out.println("POST " + url + " (" + body.length + " bytes)");
        out.println(response.statusCode() + " " + response.body());
        if (response.statusCode() / 100 != 2) {
            err.println("gme-sender: the endpoint refused the callback with " + response.statusCode());
            return 1;
        }
        return 0;
    }
}
