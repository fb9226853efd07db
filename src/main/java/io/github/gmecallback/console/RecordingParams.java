package io.github.gmecallback.console;

import io.github.gmecallback.ledger.RecordingQuery;
import io.github.gmecallback.recording.RecordingFileState;
import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The filters of the Recordings and Overdue pages and of their API, from request parameters:
 * {@code taskId}, {@code bizId}, {@code roomId}, {@code userId}, {@code state} (one of
 * {@code RECORDING}, {@code COMPLETED}, {@code UPLOADED}, or {@code OVERDUE}: files overdue in
 * their state), {@code from} and {@code to} (the time of a file's latest callback), {@code page}
 * and {@code size}: read as {@link ConsoleQuery} reads the callbacks list's, and refused the
 * same way (an {@link IllegalArgumentException} naming the parameter, answered 400).
 */
final class RecordingParams {

    private RecordingParams() {
    }

    static RecordingQuery from(UnaryOperator<String> request) {
        RecordingQuery query = RecordingQuery.all();
        String value;
        if ((value = ConsoleQuery.parameter(request, "taskId")) != null) {
            query = query.taskId(ConsoleQuery.number("taskId", value, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if ((value = ConsoleQuery.parameter(request, "bizId")) != null) {
            query = query.bizId(ConsoleQuery.number("bizId", value, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if ((value = ConsoleQuery.parameter(request, "roomId")) != null) {
            query = query.roomId(value);
        }
        if ((value = ConsoleQuery.parameter(request, "userId")) != null) {
            query = query.userId(value);
        }
        if ((value = ConsoleQuery.parameter(request, "state")) != null) {
            query = state(query, value.toUpperCase(Locale.ROOT));
        }
        Instant from = ConsoleQuery.instant(request, "from");
        Instant to = ConsoleQuery.instant(request, "to");
        if (from != null || to != null) {
            query = query.lastBetween(from, to);
        }
        String page = ConsoleQuery.parameter(request, "page");
        String size = ConsoleQuery.parameter(request, "size");
        return query.page(page == null ? 0 : (int) ConsoleQuery.number("page", page, 0, RecordingQuery.MAX_PAGE),
                size == null ? RecordingQuery.DEFAULT_PAGE_SIZE
                        : (int) ConsoleQuery.number("size", size, 1, RecordingQuery.MAX_PAGE_SIZE));
    }

    private static RecordingQuery state(RecordingQuery query, String state) {
        if (state.equals("OVERDUE")) {
            return query.overdueOnly(true);
        }
        for (RecordingFileState each : RecordingFileState.values()) {
            if (each.name().equals(state)) {
                return query.state(each);
            }
        }
        throw new IllegalArgumentException("state must be one of RECORDING, COMPLETED, UPLOADED, OVERDUE");
    }
}
