package io.github.gmecallback.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** HTTP as the console tests need it: a browser-like client, requests with headers, JSON answers, cookies. */
final class ConsoleClient {

    private ConsoleClient() {
    }

    /** A browser-like client: cookies kept, redirects followed, HTTP/1.1. */
    static HttpClient browser() {
        return browser(new CookieManager());
    }

    /** A browser-like client keeping its cookies in the given jar. */
    static HttpClient browser(CookieManager cookies) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A client that keeps no cookie and follows no redirect: it sends exactly the headers it is given. */
    static HttpClient bare() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> get(HttpClient client, URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient client, URI uri, String form, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** The session id the jar holds ({@code JSESSIONID}), if any. */
    static Optional<String> sessionId(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).reduce((first, last) -> last);
    }

    /** Every {@code Set-Cookie} of the session cookie in a response and the redirects before it. */
    static List<String> sessionCookies(HttpResponse<?> response) {
        List<String> all = new java.util.ArrayList<>();
        for (Optional<? extends HttpResponse<?>> r = Optional.of(response); r.isPresent(); r = r.get().previousResponse()) {
            r.get().headers().allValues("set-cookie").stream()
                    .filter(value -> value.toUpperCase(Locale.ROOT).startsWith("JSESSIONID=")).forEach(all::add);
        }
        return all;
    }
}
