/**
 * The receiver's settings: read once from MicroProfile Config into an immutable
 * {@link io.github.gmecallback.config.CallbackSettings}, validated when the application is
 * deployed, then passed around. A bad value fails the deployment with a message that names the
 * key; a secret key's value never appears in a message or a log.
 */
package io.github.gmecallback.config;
