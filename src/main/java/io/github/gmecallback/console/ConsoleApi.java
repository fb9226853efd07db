package io.github.gmecallback.console;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.InFlight;
import io.github.gmecallback.journal.JournalEntry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The console's JSON API, under {@code api/}: what the pages show, for scripts.
 *
 * <table>
 * <caption>Routes, under the console's path</caption>
 * <tr><th>route</th><th>answer</th></tr>
 * <tr><td>{@code GET api/callbacks?...}</td><td>a page of entries, with the pages' filters</td></tr>
 * <tr><td>{@code GET api/callbacks/{id}}</td><td>one entry with its body</td></tr>
 * <tr><td>{@code POST api/callbacks/{id}/replay}</td><td>the replay's entry ({@code X-CSRF-Token}
 *     and same origin)</td></tr>
 * <tr><td>{@code GET api/stats}</td><td>the counters and the newest refusals</td></tr>
 * <tr><td>{@code GET api/recordings?...}, {@code api/recordings/{bizId}/{taskId}}, {@code api/overdue}</td>
 *     <td>the ledger of recording files ({@link RecordingRoutes})</td></tr>
 * </table>
 * Errors are {@code {"code":<status>,"message":"..."}}, as the endpoint's.
 */
final class ConsoleApi {

    private ConsoleApi() {
    }

    static void callbacks(HttpServletRequest request, HttpServletResponse response, CallbackJournal journal)
            throws IOException, StoreUnavailableException {
        write(response, 200, ConsoleJson.page(journal.find(ConsoleQuery.from(request))));
    }

    static void entry(HttpServletResponse response, CallbackJournal journal, long id)
            throws IOException, StoreUnavailableException {
        JournalEntry found = journal.entry(id)
                .orElseThrow(() -> new NoSuchElementException("the journal holds no entry " + id));
        JsonObject json = ConsoleJson.entry(found, true);
        Optional<InFlight> inFlight = journal.inFlight(id);
        write(response, 200, inFlight.isEmpty() ? json : Json.createObjectBuilder(json)
                .add("dispatch", Json.createObjectBuilder().add("server", inFlight.get().server())
                        .add("since", inFlight.get().since().toString())).build());
    }

    static void stats(HttpServletResponse response, CallbackJournal journal) throws IOException {
        write(response, 200, ConsoleJson.counters(journal.counters()));
    }

    static void replayed(HttpServletResponse response, JournalEntry replay) throws IOException {
        write(response, 200, ConsoleJson.entry(replay, false));
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, ConsoleJson.error(status, message));
    }

    static void write(HttpServletResponse response, int status, JsonObject json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
