package io.github.gmecallback.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * What one probe of the receiver found: up or down, and the data the check shows with it.
 *
 * @param up   whether the receiver can take callbacks
 * @param data what the check shows, in order
 */
record Verdict(boolean up, Map<String, String> data) {

    Verdict {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * Down, for a reason.
     *
     * @param reason what is wrong, in words an operator acts on
     * @return the verdict
     */
    static Verdict down(String reason) {
        return new Verdict(false, Map.of("reason", reason));
    }

    /**
     * This verdict with one more item of data.
     *
     * @param key   its name
     * @param value its value
     * @return the new verdict
     */
    Verdict with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(data);
        more.put(key, value);
        return new Verdict(up, more);
    }

    /**
     * The check's answer.
     *
     * @param name the check's name
     * @return the response, with the data in order
     */
    HealthCheckResponse response(String name) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).status(up);
        data.forEach(response::withData);
        return response.build();
    }
}
