/**
 * Fires accepted callbacks as CDI events: synchronously, with the qualifier of their event type,
 * then asynchronously on the server's managed executor. Not part of the public API.
 */
package io.github.gmecallback.dispatch;
