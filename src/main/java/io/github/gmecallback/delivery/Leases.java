package io.github.gmecallback.delivery;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The {@code inbox} leases this server holds, renewed while their dispatches run: a heartbeat,
 * as job schedulers keep their executions. Every third of {@code gme.callback.inbox.lease} one
 * batched {@code UPDATE} moves every held lease's end on by a whole lease, so that however long
 * the observers take, no other server takes the entry over while its dispatch's thread runs. A
 * server that stops renewing (it died, or lost the database for longer than a lease) loses its
 * entries after at most one lease, and another server's sweep takes them over.
 *
 * <p>A lease is held from the moment it is taken (an entry waiting in the executor's queue
 * included) until its dispatch lets go of it, just before settling: from then on the settlement,
 * which names the owner, decides.
 */
final class Leases {

    private static final Logger LOG = Logger.getLogger("io.github.gmecallback");
    /** This server, as the console names the one dispatching an entry. */
    static final String SERVER = server();

    private final InboxTable table;
    private final Clock clock;
    private final long leaseMillis;
    /** The leases held: the entry of each owner. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private ScheduledFuture<?> renewing;

    /**
     * The leases of one application's inbox.
     *
     * @param table   the journal's table
     * @param clock   the database's clock
     * @param seconds {@code gme.callback.inbox.lease}
     */
    Leases(InboxTable table, Clock clock, int seconds) {
        this.table = table;
        this.clock = clock;
        this.leaseMillis = seconds * 1000L;
    }

    /** A new holder: one dispatch on this server. */
    LeaseHolder holder() {
        return new LeaseHolder(UUID.randomUUID().toString(), SERVER);
    }

    /** When a lease taken now runs out unless renewed (epoch ms). */
    long until(long now) {
        return now + leaseMillis;
    }

    /** Holds a lease just taken, renewing it from now on. */
    void hold(LeaseHolder holder, long id) {
        held.put(holder.owner(), id);
    }

    /** Whether a lease is still this server's: taken and neither let go nor lost. */
    boolean holds(String owner) {
        return held.containsKey(owner);
    }

    /** Stops renewing a lease: its dispatch is about to settle it, or gives it up. */
    void letGo(String owner) {
        held.remove(owner);
    }

    /** Starts the heartbeat, every third of a lease; at most once. */
    synchronized void start(ScheduledExecutorService scheduler) {
        if (renewing == null) {
            long period = leaseMillis / 3;
            renewing = scheduler.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops it, as the application stops: the leases then run out, and other servers take over. */
    synchronized void stop() {
        if (renewing != null) {
            renewing.cancel(false);
            renewing = null;
        }
    }

    /** Renews every lease held, and forgets those another server took over meanwhile. */
    void renew() {
        if (held.isEmpty()) {
            return;
        }
        try {
            List<String> lost = table.renew(Map.copyOf(held), until(clock.millis()),
                    (int) Math.max(1, leaseMillis / 3000));
            for (String owner : lost) {
                Long id = held.remove(owner);
                if (id != null) {
                    LOG.warning(() -> "inbox: the lease of entry " + id + " ran out while it was dispatched here "
                            + "(the database was out of reach for longer than the lease?): another server may "
                            + "dispatch it too, and this dispatch's outcome is not written");
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Caught whatever it is: an exception would end the periodic renewal for good.
            LOG.warning(() -> "inbox: renewing " + held.size() + " leases failed (" + e.getMessage()
                    + "); trying again in " + leaseMillis / 3 + " ms, before they run out");
        }
    }

    private static String server() {
        String node = System.getProperty("jboss.node.name", System.getProperty("com.sun.aas.instanceName"));
        String process = ManagementFactory.getRuntimeMXBean().getName();
        String name = node == null ? process : node + " (" + process + ")";
        return name.length() <= 100 ? name : name.substring(0, 100);
    }
}
