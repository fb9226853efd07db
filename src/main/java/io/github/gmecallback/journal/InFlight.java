package io.github.gmecallback.journal;

import java.time.Instant;

/**
 * An {@code inbox} entry's dispatch under way: the server that holds its lease, and since when.
 * The lease is renewed while the dispatch runs, so {@code until} moves on; a server that stops
 * renewing it (it died) loses the entry to another once {@code until} passed.
 *
 * @param server the server dispatching it (its node or instance name, process and host)
 * @param since  when the attempt's lease was taken (the database's clock)
 * @param until  when the lease runs out unless renewed again
 */
public record InFlight(String server, Instant since, Instant until) {
}
