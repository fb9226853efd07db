package io.github.gmecallback.console;

import io.github.gmecallback.journal.JournalQuery;
import io.github.gmecallback.journal.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The filters of the callbacks list, from request parameters (the page's form and the API
 * alike): {@code taskId}, {@code bizId}, {@code eventType}, {@code userId}, {@code roomId},
 * {@code outcome}, {@code from} and {@code to} (an instant such as {@code 2026-11-25T10:00:00Z},
 * or a date and time in UTC such as {@code 2026-11-25T10:00}), {@code page} (from 0) and
 * {@code size} (at most 500). Empty parameters are no filter.
 */
final class ConsoleQuery {

    private ConsoleQuery() {
    }

    /**
     * The query the parameters ask for.
     *
     * @param request the request
     * @return the query
     * @throws IllegalArgumentException naming the parameter that is not valid
     */
    static JournalQuery from(HttpServletRequest request) {
        JournalQuery query = JournalQuery.all();
        String value;
        if ((value = parameter(request, "taskId")) != null) {
            query = query.taskId(number("taskId", value));
        }
        if ((value = parameter(request, "bizId")) != null) {
            query = query.bizId(number("bizId", value));
        }
        if ((value = parameter(request, "eventType")) != null) {
            query = query.eventType((int) number("eventType", value));
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
        int page = (int) Math.min(Integer.MAX_VALUE, orDefault(request, "page", 0));
        int size = (int) Math.min(Integer.MAX_VALUE, orDefault(request, "size", JournalQuery.DEFAULT_PAGE_SIZE));
        if (size < 1 || size > JournalQuery.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be from 1 to " + JournalQuery.MAX_PAGE_SIZE);
        }
        return query.page(page, size);
    }

    static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static long orDefault(HttpServletRequest request, String name, long fallback) {
        String value = parameter(request, name);
        long number = value == null ? fallback : number(name, value);
        if (number < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return number;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static Instant instant(HttpServletRequest request, String name) {
        String value = parameter(request, name);
        if (value == null) {
            return null;
        }
        try {
            return value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a time such as 2026-11-25T10:00 (UTC)");
        }
    }
}
