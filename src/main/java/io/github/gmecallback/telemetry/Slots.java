package io.github.gmecallback.telemetry;

import io.github.gmecallback.recording.RecordingEventType;
import io.github.gmecallback.recording.RefusalReason;
import java.util.Locale;

/**
 * One instrument (or attribute set) per combination of {@code outcome}, {@code reason} and
 * {@code event_type}, made on first use and kept: a counted request looks its counter up in an
 * array instead of building attributes. Every combination has all three attributes, {@code none}
 * where there is no reason or no EventType was read, because MicroProfile Metrics wants one set
 * of tag names per metric, and one query then works on every server. A BizID without keys is
 * counted as {@code SIGNATURE_MISMATCH}, as its answer says ({@link #asAnswered}).
 *
 * <p>Two threads making the same slot at once make equal values; either is kept.
 *
 * @param <T> what a slot holds
 */
final class Slots<T> {

    /** The value of an attribute that does not apply. */
    static final String NONE = "none";

    private static final int REASONS = RefusalReason.values().length + 1;
    private static final int TYPES = RecordingEventType.values().length + 1;

    /** Makes a slot's value from its attributes' values. */
    @FunctionalInterface
    interface Maker<T> {
        T make(String outcome, String reason, String eventType);
    }

    private final Object[] slots = new Object[RequestOutcome.values().length * REASONS * TYPES];
    private final Maker<T> maker;

    Slots(Maker<T> maker) {
        this.maker = maker;
    }

    @SuppressWarnings("unchecked")
    T get(RequestOutcome outcome, RefusalReason refused, RecordingEventType type) {
        RefusalReason reason = asAnswered(refused);
        int index = (outcome.ordinal() * REASONS + (reason == null ? 0 : reason.ordinal() + 1)) * TYPES
                + (type == null ? 0 : type.ordinal() + 1);
        Object slot = slots[index];
        if (slot == null) {
            slot = maker.make(outcome.attribute(), reason == null ? NONE : reason.name(), eventType(type));
            slots[index] = slot;
        }
        return (T) slot;
    }

    /**
     * The reason as the answer tells it. A BizID without keys is answered exactly as a mismatch,
     * so that nobody learns which BizIDs have keys; metrics are often scraped without a login, so
     * they must not tell the two apart either (the WARNING line and {@code CallbackRejected}
     * keep the difference for the operator).
     */
    static RefusalReason asAnswered(RefusalReason reason) {
        return reason == RefusalReason.NO_KEY_FOR_BIZ_ID ? RefusalReason.SIGNATURE_MISMATCH : reason;
    }

    /** An EventType's attribute value: {@code upload_completed}, or {@code unknown} for a number GME added. */
    static String eventType(RecordingEventType type) {
        return type == null ? NONE : type.name().toLowerCase(Locale.ROOT);
    }
}
