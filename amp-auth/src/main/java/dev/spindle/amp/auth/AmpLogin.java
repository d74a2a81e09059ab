package dev.spindle.amp.auth;

import dev.spindle.amp.AmpConnection;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Logs an AMP connection in to a server that authenticates with cred ({@link AmpLoginServer}, or
 * Divmod's {@code epsilon.ampauth.CredAMPServerFactory} for {@link #login}). After the returned
 * future completes, the connection's commands reach the avatar the server's realm chose.
 *
 * <pre>{@code
 * AmpConnection c = client.connect("127.0.0.1", port).join();
 * AmpLogin.login(c, "alice", "secret".getBytes(UTF_8)).join();   // challenge-response
 * c.callRemote(new Sum(13, 81)).join();                          // answered by alice's avatar
 * }</pre>
 *
 * <p>The futures fail, unwrapped, with {@link dev.spindle.cred.UnauthorizedLoginException} for a
 * wrong username or password (the server does not say which; the connection stays open for
 * another attempt), with {@link UnsupportedOperationException} ({@code NOT_IMPLEMENTED_ERROR}) if
 * the server cannot check this kind of login, with {@link
 * dev.spindle.amp.exceptions.UnhandledCommandException} if the server does not offer the command
 * (for example after a successful login), and otherwise as {@link AmpConnection#callRemote} does.
 *
 * <p>Thread-safe; the futures complete on the connection's event loop. Password arrays are copied
 * (the caller keeps, and may clear, its own); {@link #login} clears its copy once the response is
 * computed. Twisted equivalent: Divmod's {@code epsilon.ampauth.login}.
 */
public final class AmpLogin {
  /** Error code of a refused login, sent with an empty description. ampauth: UnauthorizedLogin. */
  public static final String UNAUTHORIZED_LOGIN = "UNAUTHORIZED_LOGIN";

  /**
   * Error code of a login the server cannot serve: no checker for these credentials, or an avatar
   * that answers no AMP commands. ampauth: {@code NotImplementedError}.
   */
  public static final String NOT_IMPLEMENTED_ERROR = "NOT_IMPLEMENTED_ERROR";

  /** Random bytes in a server's challenge: 16, as ampauth's {@code secureRandom(16)}. */
  public static final int CHALLENGE_BYTES = 16;

  /** Random bytes in a client's nonce: 16, as ampauth's {@code determineFrom}. */
  public static final int CNONCE_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private AmpLogin() {}

  /**
   * Logs in with challenge-response, the password never leaving this process: sends {@link
   * PasswordLogin}, then answers the challenge with {@link PasswordChallengeResponse} and a fresh
   * {@value #CNONCE_BYTES}-byte nonce. {@code username} is sent as UTF-8.
   *
   * @param connection a connection to a server that answers ampauth's commands; not null
   * @param username the username; not null
   * @param password the password's bytes; not null, copied
   * @return a future that completes once logged in, or exceptionally as described above
   */
  public static CompletableFuture<Void> login(
      AmpConnection connection, String username, byte[] password) {
    Objects.requireNonNull(username, "username");
    return login(connection, username.getBytes(StandardCharsets.UTF_8), password);
  }

  /**
   * As {@link #login(AmpConnection, String, byte[])}, with the username as bytes.
   *
   * @param connection a connection to a server that answers ampauth's commands; not null
   * @param username the username's bytes, sent as they are; not null, copied
   * @param password the password's bytes; not null, copied
   * @return a future that completes once logged in, or exceptionally as described above
   */
  public static CompletableFuture<Void> login(
      AmpConnection connection, byte[] username, byte[] password) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    byte[] secret = password.clone();
    CompletableFuture<Void> done = new CompletableFuture<>();
    connection
        .callRemote(PasswordLogin_AmpSerializer.INSTANCE, new PasswordLogin(username.clone()))
        .thenCompose(
            answer -> {
              byte[] cnonce = new byte[CNONCE_BYTES];
              RANDOM.nextBytes(cnonce);
              byte[] response =
                  AmpChallengeCredentials.response(answer.challenge(), cnonce, secret);
              Arrays.fill(secret, (byte) 0);
              return connection.callRemote(
                  PasswordChallengeResponse_AmpSerializer.INSTANCE,
                  new PasswordChallengeResponse(cnonce, response));
            })
        .whenComplete(
            (v, failure) -> {
              Arrays.fill(secret, (byte) 0);
              complete(done, failure);
            });
    return done;
  }

  /**
   * Logs in with {@link Login}, which sends the password itself: <strong>in the clear unless the
   * connection is encrypted</strong>. Use it only over TLS or a tunnel, for servers whose users'
   * passwords are stored hashed ({@link dev.spindle.cred.checkers.FilePasswordDatabase}) and that
   * enabled {@link AmpLoginServer.Builder#allowPlaintextLogin(boolean)}. {@code username} is sent
   * as UTF-8.
   *
   * @param connection an encrypted connection to a server that allows plaintext login; not null
   * @param username the username; not null
   * @param password the password's bytes, sent as they are; not null, copied
   * @return a future that completes once logged in, or exceptionally as described above
   */
  public static CompletableFuture<Void> loginPlaintext(
      AmpConnection connection, String username, byte[] password) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    CompletableFuture<Void> done = new CompletableFuture<>();
    connection
        .callRemote(
            Login_AmpSerializer.INSTANCE,
            new Login(username.getBytes(StandardCharsets.UTF_8), password.clone()))
        .whenComplete((v, failure) -> complete(done, failure));
    return done;
  }

  /**
   * Logs in anonymously with {@link AnonymousLogin}, if the server's portal allows it.
   *
   * @param connection a connection to a server that answers ampauth's commands; not null
   * @return a future that completes once logged in, or exceptionally as described above
   */
  public static CompletableFuture<Void> loginAnonymous(AmpConnection connection) {
    Objects.requireNonNull(connection, "connection");
    CompletableFuture<Void> done = new CompletableFuture<>();
    connection
        .callRemote(AnonymousLogin_AmpSerializer.INSTANCE, new AnonymousLogin())
        .whenComplete((v, failure) -> complete(done, failure));
    return done;
  }

  private static void complete(CompletableFuture<Void> done, Throwable failure) {
    if (failure == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(LoginErrors.refusal(unwrap(failure)));
    }
  }

  /** Strips the wrappers that derived stages add. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
