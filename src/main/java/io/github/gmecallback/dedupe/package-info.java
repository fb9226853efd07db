/**
 * Recognising repeats: GME retries and promises no order, so the same callback can arrive more
 * than once, even twice at the same moment. A {@link io.github.gmecallback.dedupe.DedupeStore}
 * remembers the callbacks processed successfully, by their
 * {@link io.github.gmecallback.dedupe.CallbackIdentity}, so that a repeat reaches no observer;
 * a repeat of one still in flight waits for its outcome. Not part of the public API.
 */
package io.github.gmecallback.dedupe;
