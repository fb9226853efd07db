/**
 * The receiver's settings: read once per hosting module from MicroProfile Config into an
 * immutable {@link io.github.gmecallback.config.CallbackSettings}
 * ({@link io.github.gmecallback.config.HostModule}), validated when the application is deployed,
 * then passed around. A bad configuration fails the deployment with a message that names every
 * invalid key; a secret key's value never appears in a message or a log.
 */
package io.github.gmecallback.config;
