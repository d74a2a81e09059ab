/**
 * Authentication without a transport, after Twisted's {@code twisted.cred}: a {@link
 * dev.spindle.cred.Portal} asks the {@link dev.spindle.cred.CredentialsChecker} registered for the
 * kind of {@link dev.spindle.cred.Credentials} presented for an {@link dev.spindle.cred.AvatarId},
 * then asks its {@link dev.spindle.cred.Realm} for the avatar, answered as a {@link
 * dev.spindle.cred.LoginResult}. Failures are {@link dev.spindle.cred.LoginException}s that carry
 * Twisted's class names for PB. {@link dev.spindle.cred.PbChallenge} is PB's challenge-response.
 *
 * <p>Bottom layer of the cred module: depends on nothing but the JDK; {@code checkers} and {@code
 * throttle} build on it.
 */
package dev.spindle.cred;
