/**
 * From verified bytes to a {@link io.github.gmecallback.recording.RecordingCallback}: strict
 * UTF-8, strict JSON, the members GME requires with the types it sends, then JSON-B binding.
 *
 * <p>JSON-B on its own is lenient where a signed callback should not be: it turns
 * {@code "123"} into a number, takes the last of two members with one name, and knows nothing
 * of which members a callback needs. {@link io.github.gmecallback.binding.CallbackReader}
 * therefore checks the body in one streaming pass first and names the first member that is
 * wrong; only a body that passes is bound. Not part of the public API.
 */
package io.github.gmecallback.binding;
