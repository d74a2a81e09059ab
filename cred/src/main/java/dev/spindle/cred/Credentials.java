package dev.spindle.cred;

/**
 * Something a client presents to prove who it is. A marker: each kind of credentials is a
 * sub-interface ({@link UsernamePassword}, {@link UsernameHashedPassword}, {@link
 * UsernameMD5Password}, {@link Anonymous}, or an application's own), and a {@link Portal} picks
 * the checker by the first registered sub-interface the credentials implement.
 *
 * <p>Implementations decide their thread-safety; the shipped ones are immutable. Their {@code
 * toString} must not reveal secrets. Twisted equivalent: {@code twisted.cred.credentials.ICredentials}.
 */
public interface Credentials {}
