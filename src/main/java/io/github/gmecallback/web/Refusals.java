package io.github.gmecallback.web;

import io.github.gmecallback.binding.ReadableMembers;
import io.github.gmecallback.delivery.CallbackEvents;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.journal.RefusalRecord;
import io.github.gmecallback.recording.CallbackRejected;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.receiver.Receiver;
import io.github.gmecallback.recording.RefusalReason;
import io.github.gmecallback.signature.SignatureException;
import io.github.gmecallback.telemetry.RequestTelemetry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Refuses a request: answers with the reason's status and a message, logs it (rate-limited),
 * and fires {@link CallbackRejected} asynchronously. One per application, so the rate limit
 * counts every refusal the application sees.
 */
@ApplicationScoped
public class Refusals {

    private static final Logger LOGGER = Logger.getLogger("io.github.gmecallback");

    private final RefusalLog log = new RefusalLog(LOGGER, Clock.systemUTC());
    private ScheduledFuture<?> flushing;
    private Journal journal;
    private CallbackEvents events;

    @Inject
    Receiver receiver;

    /** Writes the per-minute summary lines even when refusals stop coming. */
    @PostConstruct
    void scheduleSummaries() {
        journal = receiver.journal();
        events = receiver.events();
        ManagedScheduledExecutorService scheduler = receiver.scheduler();
        if (scheduler != null) {
            flushing = scheduler.scheduleAtFixedRate(log::flush, 1, 1, TimeUnit.MINUTES);
        }
    }

    @PreDestroy
    void stopSummaries() {
        if (flushing != null) {
            flushing.cancel(false);
        }
    }

    /**
     * Answers a refused request, and tells the application's {@link CallbackRejected} observers.
     *
     * @param request      the refused request
     * @param response     its response, not yet committed
     * @param reason       why it is refused
     * @param message      what is wrong, in words safe to answer with
     * @param claimedBizId the BizID the body claims, when it was read
     * @throws IOException if the answer cannot be written
     */
    public void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason,
            String message, OptionalLong claimedBizId) throws IOException {
        refuse(request, response, reason, message, claimedBizId, (ReadableMembers.Read) null);
    }

    /**
     * As {@link #refuse(HttpServletRequest, HttpServletResponse, RefusalReason, String, OptionalLong)},
     * for a callback whose signature held and which was bound: its TaskID, UserID and EventType
     * are kept among the newest refusals.
     *
     * @param request      the refused request
     * @param response     its response, not yet committed
     * @param reason       why it is refused
     * @param message      what is wrong, in words safe to answer with
     * @param claimedBizId the BizID the body claims, when it was read
     * @param callback     the bound callback, or {@code null}
     * @throws IOException if the answer cannot be written
     */
    public void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason,
            String message, OptionalLong claimedBizId, RecordingCallback callback) throws IOException {
        refuse(request, response, reason, message, claimedBizId, callback == null ? null
                : new ReadableMembers.Read(OptionalLong.of(callback.taskId()), callback.userId(), callback.eventType()));
    }

    /**
     * As {@link #refuse(HttpServletRequest, HttpServletResponse, RefusalReason, String, OptionalLong)},
     * for a body whose signature held: the record keeps the TaskID, UserID and EventType that
     * could be read from it.
     *
     * @param request      the request
     * @param response     its response
     * @param reason       why
     * @param message      the answer's message
     * @param claimedBizId the BizID the body claims
     * @param read         what could be read of the body, or {@code null}
     * @throws IOException if the answer cannot be written
     */
    public void refuse(HttpServletRequest request, HttpServletResponse response, RefusalReason reason,
            String message, OptionalLong claimedBizId, ReadableMembers.Read read) throws IOException {
        String remote = request.getRemoteAddr();
        Instant now = Instant.now();
        log.refused(reason, message, remote);
        journal.refused(new RefusalRecord(now, reason, reason.status(), remote, claimedBizId,
                read == null ? OptionalLong.empty() : read.taskId(), read == null ? null : read.userId(),
                read == null ? null : read.eventType()));
        RequestTelemetry.of(request).refused(reason, claimedBizId, read == null ? OptionalLong.empty() : read.taskId(),
                read == null ? null : read.eventType());
        Answers.error(response, reason.status(), answer(reason, message));
        events.rejected(new CallbackRejected(now, reason, reason.status(), remote, claimedBizId));
    }

    /**
     * The message a refused caller gets: the logged one, except that a BizID without a key
     * applying to it is answered as a signature that does not match. Otherwise anyone could
     * probe which BizIDs have keys of their own; the WARNING line, the refusal record and
     * {@link CallbackRejected} keep the distinction for the operator.
     */
    private static String answer(RefusalReason reason, String message) {
        return reason == RefusalReason.NO_KEY_FOR_BIZ_ID
                ? SignatureException.Failure.MISMATCH.message() : message;
    }
}
