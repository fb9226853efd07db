/**
 * The only part of the receiver that knows HTTP: a filter that reads the body (bounded) and
 * verifies its signature, a servlet that binds it and fires the events, and the initializer
 * that registers both.
 *
 * <p>The body's bytes travel one way: {@link io.github.gmecallback.web.SignatureFilter} (bounded
 * read, verify) → {@link io.github.gmecallback.web.RecordingCallbackServlet} (strict parse,
 * bind) → CDI events. Nothing reads the body twice or turns it into a {@code String} before it is
 * verified. Not part of the public API.
 */
package io.github.gmecallback.web;
