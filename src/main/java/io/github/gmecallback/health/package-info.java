/**
 * The receiver's MicroProfile Health readiness check, for load balancers and operators: is a key
 * configured, and do the stores answer?
 */
package io.github.gmecallback.health;
