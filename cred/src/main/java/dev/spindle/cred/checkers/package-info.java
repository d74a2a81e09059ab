/**
 * The shipped {@link dev.spindle.cred.CredentialsChecker}s: {@link
 * dev.spindle.cred.checkers.AllowAnonymousAccess}, the in-memory {@link
 * dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase} and {@link
 * dev.spindle.cred.checkers.MD5PasswordDatabase}, and the bcrypt {@link
 * dev.spindle.cred.checkers.FilePasswordDatabase} with its {@link
 * dev.spindle.cred.checkers.PasswordFile} format, which {@code spindle hashpw} writes from the
 * command line.
 *
 * <p>Sees {@code dev.spindle.cred} and Bouncy Castle's low-level bcrypt.
 */
package dev.spindle.cred.checkers;
