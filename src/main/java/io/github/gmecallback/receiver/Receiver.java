package io.github.gmecallback.receiver;

import io.github.gmecallback.binding.CallbackBinding;
import io.github.gmecallback.config.CallbackSettings;
import io.github.gmecallback.config.DedupeSettings;
import io.github.gmecallback.config.InvalidSettingException;
import io.github.gmecallback.config.JournalSettings;
import io.github.gmecallback.dedupe.DedupeStore;
import io.github.gmecallback.dedupe.JdbcDedupeStore;
import io.github.gmecallback.delivery.CallbackEvents;
import io.github.gmecallback.delivery.Delivery;
import io.github.gmecallback.delivery.DuplicateLog;
import io.github.gmecallback.delivery.InboxDelivery;
import io.github.gmecallback.delivery.InboxDrain;
import io.github.gmecallback.delivery.InboxDispatch;
import io.github.gmecallback.delivery.JournalSignatures;
import io.github.gmecallback.delivery.SyncDelivery;
import io.github.gmecallback.jdbc.OutsideTransaction;
import io.github.gmecallback.jdbc.Transactions;
import io.github.gmecallback.journal.CallbackJournal;
import io.github.gmecallback.journal.Journal;
import io.github.gmecallback.ledger.JdbcLedgerStore;
import io.github.gmecallback.ledger.LedgerStore;
import io.github.gmecallback.ledger.OverdueSweep;
import io.github.gmecallback.ledger.RecordingLedger;
import io.github.gmecallback.telemetry.Figures;
import io.github.gmecallback.telemetry.Telemetries;
import io.github.gmecallback.telemetry.Telemetry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The receiver of one application, wired in one place: its settings, the JSON binding, the
 * dedupe store, the journal, the recording ledger, the events and the delivery mode. The filter, the servlet, the
 * console, the readiness check and {@link CallbackJournal} all take what they need from here.
 *
 * <p>It is {@link #start started} by the web module that hosts the endpoint as that module starts
 * (its settings, and the {@code java:comp} names of the datasources, transactions, executors and
 * bean manager, are that module's), and stops with the application.
 */
@ApplicationScoped
public class Receiver {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");

    private CallbackSettings settings;
    private CallbackBinding binding;
    private DedupeStore dedupe;
    private Journal journal;
    private CallbackEvents events;
    private Delivery delivery;
    private LedgerStore ledger;
    private OverdueSweep overdue;
    private DuplicateLog duplicates;
    private ManagedScheduledExecutorService scheduler;
    private Clocks clocks;
    private Clock replayClock;
    private Telemetry telemetry;

    @Inject
    @ServerTime
    Instance<Clock> serverTime;

    /** Suspends a transaction the host application has open around a request, for the inbox's insert. */
    @Inject
    OutsideTransaction outside;

    /**
     * Builds and starts the receiver, once; later calls return at once. Call it on a thread of
     * the hosting web module.
     *
     * @param settings the hosting module's settings
     * @throws InvalidSettingException when a datasource is not bound, or {@code inbox} delivery
     *                                 would keep callbacks in an in-memory database
     */
    public synchronized void start(CallbackSettings settings) {
        if (this.settings != null) {
            return;
        }
        Telemetry telemetry = Telemetries.select();
        Clocks clocks = new Clocks(serverTime != null && serverTime.isResolvable() ? serverTime.get() : Clock.systemUTC());
        CallbackBinding binding = new CallbackBinding(settings.window().isOn());
        DedupeStore dedupe = Stores.dedupe(settings.dedupe(), clocks);
        Clock replayClock = Stores.replayClock(settings.dedupe(), clocks);
        JournalSettings journalSettings = settings.journal();
        DataSource journalSource = journalSettings.store() != JournalSettings.Store.JDBC ? null
                : ServerResources.dataSource(journalSettings.datasource(), CallbackSettings.JOURNAL_DATASOURCE);
        // What servers compare in the journal's table (leases, due times, the purge's cut-off)
        // runs by the database's clock.
        Clock clock = journalSource == null ? clocks.server() : clocks.of(journalSettings.datasource(), journalSource);
        Journal journal = Journal.open(journalSettings, journalSource, clock);
        LedgerStore ledger = Stores.ledger(settings.recordings(), clocks);
        // Asynchronous observers' spans nest in the span of the request (or dispatch) that fired them.
        CallbackEvents events = new CallbackEvents(ServerResources.beanManager(),
                telemetry.propagating(ServerResources.asyncObservers()));
        Figures figures = new Figures(clock, settings.delivery().inbox(), ledger != LedgerStore.NONE);
        OverdueSweep overdue = new OverdueSweep(ledger, settings.recordings(), events::overdue, figures);
        ManagedScheduledExecutorService scheduler = ServerResources.scheduler();
        JournalSignatures signatures = new JournalSignatures(settings.keys(), settings.encoding(),
                binding.claimedBizId());
        DuplicateLog duplicates = new DuplicateLog();
        Delivery delivery = delivery(settings, binding, dedupe, journal, events, scheduler, clock, signatures, ledger,
                telemetry, figures, duplicates);
        telemetry.watch(figures);
        if (scheduler != null) {
            clocks.start(scheduler);
            journal.startPurging(scheduler);
            if (dedupe instanceof JdbcDedupeStore jdbc) {
                jdbc.purge().start(scheduler, 60);
            }
            if (ledger instanceof JdbcLedgerStore jdbc) {
                jdbc.purge().start(scheduler, 60);
            }
            overdue.start(scheduler);
            duplicates.start(scheduler);
        }
        delivery.start();
        this.binding = binding;
        this.dedupe = dedupe;
        this.journal = journal;
        this.events = events;
        this.delivery = delivery;
        this.ledger = ledger;
        this.overdue = overdue;
        this.duplicates = duplicates;
        this.scheduler = scheduler;
        this.clocks = clocks;
        this.replayClock = replayClock;
        this.telemetry = telemetry;
        this.settings = settings;
    }

    /**
     * The delivery mode: {@code inbox}, or {@code sync}; on a {@code jdbc} journal {@code sync} also
     * dispatches what an {@code inbox} deployment left there ({@link InboxDrain}).
     */
    private Delivery delivery(CallbackSettings settings, CallbackBinding binding, DedupeStore dedupe,
            Journal journal, CallbackEvents events, ManagedScheduledExecutorService scheduler, Clock clock,
            JournalSignatures signatures, LedgerStore ledger, Telemetry telemetry, Figures figures,
            DuplicateLog duplicates) {
        boolean inbox = settings.delivery().inbox();
        Delivery sync = inbox ? null
                : new SyncDelivery(dedupe, journal, events, binding.reader(), signatures, ledger, duplicates);
        if (!inbox && journal.table().isEmpty()) {
            return sync;
        }
        Transactions transactions = ServerResources.transactions(CallbackSettings.DELIVERY, outside);
        Executor executor;
        try {
            executor = executor(scheduler);
        } catch (NamingException e) {
            String missing = "the server's managed executors (" + ServerResources.EXECUTOR + ", "
                    + ServerResources.SCHEDULER + ": " + e.getMessage() + ")";
            if (inbox) {
                throw new InvalidSettingException(CallbackSettings.DELIVERY, "inbox delivery needs " + missing);
            }
            LOG.warning(() -> "sync delivery: callbacks an inbox deployment left PENDING in gme_callback_journal, if "
                    + "any, are not dispatched here: that needs " + missing);
            return sync;
        }
        InboxDispatch.Parts parts = new InboxDispatch.Parts(journal, dedupe, transactions, events, binding.reader(),
                settings.delivery(), clock, signatures, ledger, telemetry, duplicates, oneDatabase(settings));
        return inbox ? new InboxDelivery(parts, executor, scheduler, figures)
                : new InboxDrain(sync, parts, executor, scheduler);
    }

    /** The managed executor, where the managed scheduled executor is there too. */
    private static Executor executor(ManagedScheduledExecutorService scheduler) throws NamingException {
        if (scheduler == null) {
            throw new NamingException(ServerResources.SCHEDULER + " is not bound");
        }
        return ServerResources.executor();
    }

    /** Whether the dedupe record can commit with a journal entry's outcome: {@code jdbc} on the journal's datasource. */
    private static boolean oneDatabase(CallbackSettings settings) {
        return settings.dedupe().store() == DedupeSettings.Store.JDBC
                && settings.dedupe().datasource().equals(settings.journal().datasource());
    }

    /**
     * Starts the receiver where no hosting module did (a module that maps the servlet itself
     * without hosting the receiver), with the settings of the calling thread's application.
     */
    private void started() {
        if (settings == null) {
            start(CallbackSettings.from(ConfigProvider.getConfig()));
        }
    }

    /** Stops the sweeps and the purge, and releases JSON-B, as the application stops. */
    @PreDestroy
    synchronized void stop() {
        if (settings != null) {
            delivery.stop();
            clocks.stop();
            journal.stopPurging();
            if (dedupe instanceof JdbcDedupeStore jdbc) {
                jdbc.purge().stop();
            }
            if (ledger instanceof JdbcLedgerStore jdbc) {
                jdbc.purge().stop();
            }
            overdue.stop();
            duplicates.stop();
            telemetry.close();
            binding.close();
        }
    }

    /** The settings the receiver runs with. */
    public synchronized CallbackSettings settings() {
        started();
        return settings;
    }

    /** The clock the replay window is judged by: the one the dedupe store forgets by. */
    public synchronized Clock replayClock() {
        started();
        return replayClock;
    }

    /** The JSON readers. */
    public synchronized CallbackBinding binding() {
        started();
        return binding;
    }

    /** The dedupe store. */
    public synchronized DedupeStore dedupe() {
        started();
        return dedupe;
    }

    /** The journal. */
    public synchronized Journal journal() {
        started();
        return journal;
    }

    /** The events, fired through the hosting module's bean manager. */
    public synchronized CallbackEvents events() {
        started();
        return events;
    }

    /** The delivery mode. */
    public synchronized Delivery delivery() {
        started();
        return delivery;
    }

    /** The ledger of recording files. */
    public synchronized LedgerStore ledger() {
        started();
        return ledger;
    }

    /** The overdue sweep of the ledger. */
    public synchronized OverdueSweep overdueSweep() {
        started();
        return overdue;
    }

    /** The metrics and traces, through what the server provides. */
    public synchronized Telemetry telemetry() {
        started();
        return telemetry;
    }

    /** The managed scheduled executor; {@code null} on a server without Jakarta Concurrency. */
    public synchronized ManagedScheduledExecutorService scheduler() {
        started();
        return scheduler;
    }

    /**
     * The public journal API, as an application-scoped bean anyone in the application injects.
     *
     * @return the journal over this receiver's journal and delivery mode
     */
    @Produces
    @ApplicationScoped
    CallbackJournal callbackJournal() {
        return new CallbackJournal(journal(), delivery(), delivery());
    }

    /**
     * The public ledger API, as an application-scoped bean anyone in the application injects.
     *
     * @return the ledger over this receiver's store
     */
    @Produces
    @ApplicationScoped
    RecordingLedger recordingLedger() {
        return new RecordingLedger(ledger(), settings().recordings());
    }
}
