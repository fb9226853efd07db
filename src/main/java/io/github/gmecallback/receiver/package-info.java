/**
 * The receiver of an application, wired in one place: {@link io.github.gmecallback.receiver.Receiver}
 * builds the settings, binding, stores, journal, events and delivery mode once, as the hosting
 * web module starts, and hands them to the web layer, the console and the readiness check.
 * Not part of the public API.
 */
package io.github.gmecallback.receiver;
