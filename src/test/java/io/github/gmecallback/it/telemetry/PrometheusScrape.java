package io.github.gmecallback.it.telemetry;

import io.github.gmecallback.it.Http;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Server's MicroProfile Metrics endpoint, read as Prometheus reads it:
 * {@code GET /metrics?scope=application} on the HTTP listener, its text format parsed line by
 * line ({@code name{label="value",…} number}).
 */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
    }

    /** Scrapes the server's application metrics now. */
    public static PrometheusScrape of(String httpPort) {
        var answer = Http.get(URI.create("http://127.0.0.1:" + httpPort + "/metrics?scope=application"));
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET /metrics?scope=application answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return new PrometheusScrape(answer.body());
    }

    /** The samples of that name whose labels include {@code labels}, added up; 0 for none. */
    public double value(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new HashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(4));
            }
        }
        return sum;
    }

    /** Whether any sample has that name. */
    public boolean has(String name) {
        return text.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    @Override
    public String toString() {
        return text;
    }
}
