package io.github.gmecallback.web;

import io.github.gmecallback.delivery.LogBudget;
import io.github.gmecallback.recording.RefusalReason;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Logs refusals at WARNING with their reason and remote address, at most
 * {@value LogBudget#PER_MINUTE} a minute per reason; past that, refusals of the reason are only
 * counted, and one summary line with the count follows when the minute is over (with the next
 * refusal, or the next {@link #flush()}, whichever comes first): a {@link LogBudget} per reason.
 *
 * <p>A flood of forged callbacks thus costs a few log lines a minute, not one each.
 */
final class RefusalLog {

    private final Logger log;
    private final Map<RefusalReason, LogBudget> budgets = new EnumMap<>(RefusalReason.class);

    RefusalLog(Logger log, Clock clock) {
        this.log = log;
        for (RefusalReason reason : RefusalReason.values()) {
            budgets.put(reason, new LogBudget(clock, count -> log.warning(() -> "refused " + reason.label() + ": "
                    + count + " more refusals in the last minute were not logged one by one")));
        }
    }

    /**
     * Logs one refusal, unless its reason has had its share this minute.
     *
     * @param reason  why the request was refused
     * @param message the answer's message
     * @param remote  the client's address
     */
    void refused(RefusalReason reason, String message, String remote) {
        if (budgets.get(reason).spend()) {
            log.warning(() -> "refused " + reason.label() + " (" + reason.status() + ") from "
                    + remote + ": " + message);
        }
    }

    /**
     * Writes the summary line of every reason whose minute has ended with refusals not logged one
     * by one; called once a minute, so the count appears even when the refusals stop.
     */
    void flush() {
        budgets.values().forEach(LogBudget::flush);
    }
}
