package io.github.gmecallback.recording;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A request the receiver refused, for the application's own alerting. Fired asynchronously for
 * every refusal; observing it cannot change the answer, and it never carries the body.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class RefusalAlerts {
 *     private final Map<RefusalReason, LongAdder> counts = new ConcurrentHashMap<>();
 *
 *     void count(@ObservesAsync CallbackRejected rejected) {
 *         counts.computeIfAbsent(rejected.reason(), r -> new LongAdder()).increment();
 *     }
 * }
 * }</pre>
 *
 * <p>Nothing from a refused request reaches a {@link RecordingCallback} observer.
 *
 * @param at            when the request was refused
 * @param reason        why
 * @param status        the HTTP status answered
 * @param remoteAddress the client's address
 * @param claimedBizId  the first top-level {@code BizID} of the body, when it was read and is an
 *                      integer; unverified, so it is only what the sender claims
 */
public record CallbackRejected(Instant at, RefusalReason reason, int status, String remoteAddress,
        OptionalLong claimedBizId) {
}
