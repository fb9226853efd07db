/**
 * What the receiver received, and what became of it.
 *
 * <p>Every verified, bound callback inside the replay window becomes a {@link
 * io.github.gmecallback.journal.JournalEntry} with its bytes exactly as signed and an {@link
 * io.github.gmecallback.journal.Outcome}; refusals are only counted. The application reads and
 * replays entries through {@link io.github.gmecallback.journal.CallbackJournal}. The entries live
 * in this server's memory ({@code gme.callback.journal.store=memory}, the newest
 * {@code journal.size}) or in one table a cluster shares ({@code jdbc},
 * {@link io.github.gmecallback.journal.JournalTable}), where {@code inbox} delivery also keeps the
 * state of its dispatches.
 */
package io.github.gmecallback.journal;
