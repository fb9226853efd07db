/**
 * What the receiver received, and what became of it; and {@code inbox} delivery, which
 * dispatches from it.
 *
 * <p>Every verified, bound callback inside the replay window becomes a {@link
 * io.github.gmecallback.journal.JournalEntry} with its bytes exactly as signed and an {@link
 * io.github.gmecallback.journal.Outcome}; refusals are only counted. The application reads and
 * replays entries through {@link io.github.gmecallback.journal.CallbackJournal}. The entries live
 * in this server's memory ({@code gme.callback.journal.store=memory}, the newest
 * {@code journal.size}) or in one table a cluster shares ({@code jdbc}).
 *
 * <p>With {@code gme.callback.delivery=inbox} the journal's table is also the queue: a callback
 * is committed to it and answered {@code 200}, and {@link io.github.gmecallback.journal.Inbox}
 * dispatches it to the observers, retrying on the {@link io.github.gmecallback.journal.Backoff}
 * schedule until it is processed or dead.
 */
package io.github.gmecallback.journal;
