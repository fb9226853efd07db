package io.github.gmecallback.web;

import io.github.gmecallback.binding.CallbackBinding;
import io.github.gmecallback.binding.CallbackReader;
import io.github.gmecallback.binding.MalformedCallbackException;
import io.github.gmecallback.binding.ReadableMembers;
import io.github.gmecallback.config.CallbackConfiguration;
import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.ReplayWindow;
import io.github.gmecallback.dedupe.CallbackIdentity;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.dedupe.DedupeStores;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.dispatch.CallbackDelivery;
import io.github.gmecallback.dispatch.CallbackDispatcher;
import io.github.gmecallback.journal.Inbox;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.journal.JournalEntry;
import io.github.gmecallback.journal.JournalUnavailableException;
import io.github.gmecallback.journal.Outcome;
import io.github.gmecallback.recording.RecordingCallback;
import io.github.gmecallback.recording.RefusalReason;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.NamingException;

/**
 * The callback endpoint behind {@link SignatureFilter}: binds the verified body, checks its
 * {@code Timestamp}, and delivers it once.
 *
 * <ul>
 * <li>a body that is not a valid callback: 400, the message naming the member;</li>
 * <li>a bound BizID other than the one whose keys verified the body: 401;</li>
 * <li>a {@code Timestamp} outside the replay window: 401, naming the bound;</li>
 * <li>the dedupe store cannot be reached: 503;</li>
 * <li>a repeat of a callback processed before: 200, no observer called;</li>
 * <li>a repeat while the first copy is in flight: waits for it (at most 4 s), then as above,
 *     or processes it anew if the first failed, or 503 if the wait ran out;</li>
 * <li>every synchronous observer returned: 200 {@code {"code":0}};</li>
 * <li>a synchronous observer threw: 500, and GME will retry.</li>
 * </ul>
 *
 * <p>With {@code gme.callback.delivery=inbox}, a callback that passed the checks is committed to
 * the journal and answered 200 at once (503 when the journal cannot commit it); the {@link Inbox}
 * then dispatches it to the observers.
 *
 * <p>It starts with the application ({@code load-on-startup}), so that the {@code jdbc} store's
 * table is created at deployment.
 */
public class RecordingCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private transient CallbackReader reader;
    private transient ReadableMembers readable;
    private transient ReplayWindow window;
    private transient Clock clock;
    private transient CallbackDispatcher dispatcher;
    private transient CallbackDelivery delivery;
    private transient Refusals refusals;
    private transient Journal journal;
    private transient Inbox inbox;

    @Override
    public void init() throws ServletException {
        // Looked up rather than injected, for the same reason as in SignatureFilter.
        CDI<Object> cdi = CDI.current();
        var settings = cdi.select(CallbackConfiguration.class).get().settings();
        CallbackBinding binding = cdi.select(CallbackBinding.class).get();
        reader = binding.reader();
        readable = binding.readableMembers();
        window = settings.window();
        clock = Clock.systemUTC();
        dispatcher = CallbackDispatcher.forCallingModule();
        refusals = cdi.select(Refusals.class).get();
        try {
            journal = Journal.forApplication(settings.journal());
        } catch (IllegalArgumentException e) {
            throw new ServletException(e.getMessage(), e);
        }
        journal.startPurging();
        DedupeStore store;
        try {
            store = cdi.select(DedupeStores.class).get().store();
            delivery = new CallbackDelivery(store, dispatcher);
        } catch (NamingException e) {
            throw new ServletException("Invalid configuration " + CallbackSettings.DEDUPE_DATASOURCE
                    + ": " + settings.dedupe().datasource() + " or java:comp/UserTransaction is not bound here ("
                    + e.getMessage() + ")", e);
        }
        if (settings.delivery().inbox()) {
            try {
                inbox = journal.inbox(settings.delivery(), store, dispatcher, reader);
            } catch (InvalidSettingException e) {
                LOG.severe(e.getMessage());
                throw new ServletException(e.getMessage(), e);
            } catch (NamingException e) {
                throw new ServletException("inbox delivery needs the server's managed executors and "
                        + "java:comp/UserTransaction (" + e.getMessage() + ")", e);
            }
        }
    }

    @Override
    public void destroy() {
        if (journal != null) {
            journal.stopPurging();
        }
        if (inbox != null) {
            inbox.stop();
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        VerifiedBody body = (VerifiedBody) request.getAttribute(VerifiedBody.ATTRIBUTE);
        if (body == null) {
            // Only a deployment that maps this servlet without its filter gets here.
            LOG.severe("RecordingCallbackServlet is mapped without SignatureFilter; refusing unverified callbacks");
            Answers.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "the receiver is misconfigured");
            return;
        }
        RecordingCallback callback;
        try {
            callback = reader.read(body.bytes());
        } catch (MalformedCallbackException e) {
            // The signature held: what can be read of the body says which callback was refused.
            refusals.refuse(request, response, RefusalReason.MALFORMED_BODY, e.getMessage(), body.claimedBizId(),
                    readable.of(body.bytes()), dispatcher);
            return;
        }
        if (!body.verifiedFor(callback)) {
            refusals.refuse(request, response, RefusalReason.BIZ_ID_MISMATCH,
                    "BizID is not the one the signature was verified for", body.claimedBizId(), callback, dispatcher);
            return;
        }
        Optional<ReplayWindow.Crossing> outside = window.check(callback.timestamp(), clock.instant());
        if (outside.isPresent()) {
            refusals.refuse(request, response, outside.get().future() ? RefusalReason.TIMESTAMP_IN_FUTURE
                    : RefusalReason.TIMESTAMP_TOO_OLD, outside.get().message(), body.claimedBizId(), callback,
                    dispatcher);
            return;
        }
        JournalEntry entry;
        try {
            if (inbox != null) {
                inbox.accept(journal.pending(callback, body.bytes(), request.getRemoteAddr(), false),
                        CallbackIdentity.of(callback));
                Answers.ok(response);
                return;
            }
            entry = journal.received(callback, body.bytes(), request.getRemoteAddr(), false);
        } catch (JournalUnavailableException e) {
            LOG.warning(() -> "answering 503: the journal store is unavailable for TaskID " + callback.taskId()
                    + " (" + e.getMessage() + ")");
            journal.unavailable();
            Answers.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the journal store is unavailable");
            return;
        }
        CallbackDelivery.Delivered delivered = delivery.deliver(callback);
        CallbackDelivery.Result result = delivered.result();
        switch (result) {
            case ACCEPTED -> journal.settled(entry, Outcome.PROCESSED, true, null);
            case DUPLICATE -> journal.settled(entry, Outcome.DUPLICATE, false, null);
            case OBSERVER_FAILED -> journal.settled(entry, Outcome.FAILED, true, JournalEntry.error(delivered.failure()));
            case BUSY -> journal.settled(entry, Outcome.FAILED, false, "answered 503: a copy was still being processed");
            case STORE_UNAVAILABLE -> journal.settled(entry, Outcome.FAILED, false,
                    "answered 503: the dedupe store is unavailable");
        }
        switch (result) {
            case ACCEPTED, DUPLICATE -> Answers.ok(response);
            case BUSY -> Answers.error(response, result.status(),
                    "a copy of this callback is still being processed; retry later");
            case STORE_UNAVAILABLE -> Answers.error(response, result.status(), "the dedupe store is unavailable");
            case OBSERVER_FAILED -> Answers.error(response, result.status(),
                    "an observer failed; the callback was not accepted");
        }
    }
}
