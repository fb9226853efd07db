package io.github.gmecallback.console;

import io.github.gmecallback.journal.JournalCounters;
import io.github.gmecallback.journal.EntryHistory;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalPage;
import io.github.gmecallback.journal.RefusalRecord;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The console's JSON API bodies, and the pretty-printed callback body of an entry page. */
final class ConsoleJson {

    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private ConsoleJson() {
    }

    static JsonObject entry(JournalEntry entry, boolean withBody) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", entry.id())
                .add("receivedAt", entry.receivedAt().toString())
                .add("remoteAddress", entry.remoteAddress())
                .add("bizId", entry.bizId())
                .add("taskId", Long.toString(entry.taskId()))
                .add("recordMode", entry.recordMode())
                .add("userId", entry.userId())
                .add("eventType", entry.eventType())
                .add("seqNo", entry.seqNo())
                .add("roomId", entry.roomId())
                .add("outcome", entry.outcome().name())
                .add("attempts", entry.attempts())
                .add("replay", entry.replay());
        if (entry.lastError() == null) {
            json.addNull("lastError");
        } else {
            json.add("lastError", entry.lastError());
        }
        EntryHistory history = entry.history();
        optional(json, "replayOf", history.replayOf());
        optional(json, "replayedBy", history.replayedBy());
        json.add("repeats", history.repeats());
        if (history.lastRepeatAt() != null) {
            json.add("lastRepeatAt", history.lastRepeatAt().toString());
        }
        if (withBody) {
            json.add("body", new String(entry.body(), StandardCharsets.UTF_8));
        }
        return json.build();
    }

    private static void optional(JsonObjectBuilder json, String name, Long value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    static JsonObject page(JournalPage page) {
        JsonArrayBuilder entries = Json.createArrayBuilder();
        page.entries().forEach(entry -> entries.add(entry(entry, false)));
        return Json.createObjectBuilder().add("page", page.page()).add("pageSize", page.pageSize())
                .add("hasMore", page.hasMore()).add("entries", entries).build();
    }

    static JsonObject counters(JournalCounters counters) {
        JsonObjectBuilder refused = Json.createObjectBuilder();
        counters.refused().forEach((reason, count) -> refused.add(reason.label(), count));
        JsonArrayBuilder newest = Json.createArrayBuilder();
        for (RefusalRecord refusal : counters.newestRefusals()) {
            JsonObjectBuilder one = Json.createObjectBuilder().add("at", refusal.at().toString())
                    .add("reason", refusal.reason().label()).add("status", refusal.status())
                    .add("remoteAddress", refusal.remoteAddress());
            refusal.claimedBizId().ifPresent(id -> one.add("claimedBizId", id));
            refusal.taskId().ifPresent(id -> one.add("taskId", Long.toString(id)));
            if (refusal.userId() != null) {
                one.add("userId", refusal.userId());
            }
            if (refusal.eventType() != null) {
                one.add("eventType", refusal.eventType());
            }
            newest.add(one);
        }
        return Json.createObjectBuilder().add("processed", counters.processed())
                .add("duplicates", counters.duplicates()).add("failed", counters.failed())
                .add("dead", counters.dead()).add("storeUnavailable", counters.storeUnavailable())
                .add("refused", refused).add("newestRefusals", newest).build();
    }

    static JsonObject error(int status, String message) {
        return Json.createObjectBuilder().add("code", status).add("message", message).build();
    }

    /**
     * A body for reading: pretty-printed when it is JSON, as it is otherwise.
     *
     * @param body the bytes as signed
     * @return the text to show (escaped by the caller)
     */
    static String pretty(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            StringWriter out = new StringWriter();
            try (JsonWriter writer = PRETTY.createWriter(out)) {
                writer.write(reader.readValue());
            }
            return out.toString().strip();
        } catch (JsonParsingException | IllegalStateException e) {
            return text;
        }
    }
}
