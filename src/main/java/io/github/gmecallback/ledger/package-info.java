/**
 * The ledger of recording files: per file, when each of its three callbacks was processed, its
 * state, and whether it is overdue. {@link io.github.gmecallback.ledger.RecordingLedger} is its
 * public API; the stores keep it in memory or in the table {@code gme_callback_recording_file};
 * {@link io.github.gmecallback.ledger.OverdueSweep} finds the files whose callbacks stopped.
 */
package io.github.gmecallback.ledger;
