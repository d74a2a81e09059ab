/**
 * PB login over cred: {@link dev.spindle.pb.login.PortalRoot} (Twisted's {@code
 * PBServerFactory(portal)}: {@code login}/{@code respond} challenge-response and {@code
 * loginAnonymous}), the avatar interface {@link dev.spindle.pb.login.Perspective}, and {@link
 * dev.spindle.pb.login.LoginFailures}, which gives cred's exceptions their Twisted names. Sees the
 * broker, the flavors, Jelly and {@code dev.spindle.cred}; the client side of login is {@code
 * PbConnection.login}.
 */
package dev.spindle.pb.login;
