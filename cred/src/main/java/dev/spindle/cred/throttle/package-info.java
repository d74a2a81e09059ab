/**
 * Login throttling: {@link dev.spindle.cred.throttle.LoginThrottle} delays repeated failures per
 * peer, and {@link dev.spindle.cred.throttle.ThrottledPortal} applies it to a {@link
 * dev.spindle.cred.Portal}.
 *
 * <p>Sees {@code dev.spindle.cred}.
 */
package dev.spindle.cred.throttle;
