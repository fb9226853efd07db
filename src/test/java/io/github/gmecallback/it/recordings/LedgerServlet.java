package io.github.gmecallback.it.recordings;

import io.github.gmecallback.jdbc.StoreUnavailableException;
import io.github.gmecallback.ledger.RecordingLedger;
import io.github.gmecallback.recording.RecordingFile;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code GET /test/ledger?bizId=&taskId=}: the task's files from {@link RecordingLedger}, a line each, as
 * {@code <RecordMode> <UserID> <SeqNo> <state> <SCU, - where a callback is missing> gaps=<n> overdue=<bool>
 * times=<epoch ms of each, or ->};
 * {@code GET /test/ledger}: what {@link LedgerObservers} noted, a line each.
 */
@WebServlet("/test/ledger")
public class LedgerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    RecordingLedger ledger;
    @Inject
    LedgerObservers observers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder out = new StringBuilder();
        if (request.getParameter("taskId") == null) {
            observers.seen().forEach(line -> out.append(line).append('\n'));
        } else {
            try {
                for (RecordingFile file : ledger.task(Long.parseLong(request.getParameter("bizId")),
                        Long.parseLong(request.getParameter("taskId")))) {
                    out.append(file.recordMode()).append(' ').append(file.userId()).append(' ').append(file.seqNo())
                            .append(' ').append(file.state()).append(' ').append(mark(file.startedAt(), 'S'))
                            .append(mark(file.completedAt(), 'C')).append(mark(file.uploadedAt(), 'U'))
                            .append(" gaps=").append(file.gaps().size()).append(" overdue=").append(file.overdue())
                            .append(" times=").append(millis(file.startedAt())).append(',')
                            .append(millis(file.completedAt())).append(',').append(millis(file.uploadedAt()))
                            .append('\n');
                }
            } catch (StoreUnavailableException e) {
                response.sendError(503, e.getMessage());
                return;
            }
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String millis(Instant at) {
        return at == null ? "-" : Long.toString(at.toEpochMilli());
    }

    private static char mark(Instant at, char present) {
        return at == null ? '-' : present;
    }
}
