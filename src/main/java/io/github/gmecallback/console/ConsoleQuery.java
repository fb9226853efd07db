package io.github.gmecallback.console;

import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The filters of the callbacks list, from request parameters (the page's form and the API
 * alike): {@code taskId}, {@code bizId}, {@code eventType}, {@code userId}, {@code roomId},
 * {@code outcome}, {@code from} and {@code to} (an instant such as {@code 2026-11-25T10:00:00Z},
 * or a date and time in UTC such as {@code 2026-11-25T10:00}), {@code page} (from 0) and
 * {@code size} (at most 500). Empty parameters are no filter.
 *
 * <p>Every value must fit its field as it is: {@code taskId} and {@code bizId} a 64-bit signed
 * number, {@code eventType} a 32-bit one, {@code page} from 0 to 999 (a page is read by skipping
 * those before it: no request makes the database read a whole table), and times a year
 * from 0001 to 9999 (what a browser's date field sends; the journal counts milliseconds since
 * 1970 in 64 bits, which years of nine digits overflow). A value beyond its range is refused with
 * an {@link IllegalArgumentException} whose message begins with the parameter's name, which the
 * console answers 400; nothing is cut to fit, so {@code eventType=4294967299} never becomes 3.
 */
final class ConsoleQuery {

    /** The first instant a time may name: 0001-01-01T00:00Z. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The first instant past the last a time may name: 10000-01-01T00:00Z. */
    static final Instant PAST_LATEST = LocalDateTime.of(10_000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

    /** An optional sign and digits: a whole number, whatever its size. */
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

    private ConsoleQuery() {
    }

    /**
     * The query the request's parameters ask for.
     *
     * @param request the request
     * @return the query
     * @throws IllegalArgumentException naming the parameter that is not valid
     */
    static JournalQuery from(HttpServletRequest request) {
        return from(request::getParameter);
    }

    /**
     * The query the parameters ask for.
     *
     * @param request each parameter's value by its name, {@code null} for one not sent
     * @return the query
     * @throws IllegalArgumentException naming the parameter that is not valid
     */
    static JournalQuery from(UnaryOperator<String> request) {
        JournalQuery query = JournalQuery.all();
        String value;
        if ((value = parameter(request, "taskId")) != null) {
            query = query.taskId(number("taskId", value, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if ((value = parameter(request, "bizId")) != null) {
            query = query.bizId(number("bizId", value, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if ((value = parameter(request, "eventType")) != null) {
            query = query.eventType((int) number("eventType", value, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if ((value = parameter(request, "userId")) != null) {
            query = query.userId(value);
        }
        if ((value = parameter(request, "roomId")) != null) {
            query = query.roomId(value);
        }
        if ((value = parameter(request, "outcome")) != null) {
            try {
                query = query.outcome(Outcome.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("outcome must be one of PENDING, PROCESSED, DUPLICATE, FAILED, DEAD");
            }
        }
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        if (from != null || to != null) {
            query = query.receivedBetween(from, to);
        }
        String page = parameter(request, "page");
        String size = parameter(request, "size");
        return query.page(page == null ? 0 : (int) number("page", page, 0, JournalQuery.MAX_PAGE),
                size == null ? JournalQuery.DEFAULT_PAGE_SIZE
                        : (int) number("size", size, 1, JournalQuery.MAX_PAGE_SIZE));
    }

    static String parameter(UnaryOperator<String> request, String name) {
        String value = request.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A whole number in {@code [min, max]}, or a refusal naming the parameter and the range: one
     * too large for a {@code long} included, never cut.
     */
    static long number(String name, String value, long min, long max) {
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException beyondLong) {
            // digits past a long's range: refused below, as any number past the field's
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }

    static Instant instant(UnaryOperator<String> request, String name) {
        String value = parameter(request, name);
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a time such as 2026-11-25T10:00 (UTC)");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(PAST_LATEST)) {
            throw new IllegalArgumentException(name + " must be a time from 0001-01-01T00:00 to 9999-12-31T23:59 (UTC)");
        }
        return instant;
    }
}
