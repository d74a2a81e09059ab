/**
 * Cred over AMP, after Divmod's {@code epsilon.ampauth}: the login commands ({@link
 * dev.spindle.amp.auth.PasswordLogin} and {@link dev.spindle.amp.auth.PasswordChallengeResponse},
 * ampauth's challenge-response; {@link dev.spindle.amp.auth.Login} and {@link
 * dev.spindle.amp.auth.AnonymousLogin}, Spindle's additions), {@link
 * dev.spindle.amp.auth.AmpLoginServer} that logs connections in through a cred {@code Portal} and
 * hands them to the avatar, and {@link dev.spindle.amp.auth.AmpLogin} for clients.
 *
 * <p>Top layer of amp-core: sees {@code dev.spindle.amp}, {@code command}, {@code locator} and the
 * {@code spindle-cred} module, an optional dependency: add {@code spindle-cred} to use this
 * package. No other amp-core package sees it.
 */
package dev.spindle.amp.auth;
