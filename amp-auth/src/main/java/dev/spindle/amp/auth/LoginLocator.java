package dev.spindle.amp.auth;

import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.runtime.Responders;
import dev.spindle.cred.Anonymous;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.LoginLog;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.transport.ConnectionInfo;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locator of one connection of an {@link AmpLoginServer}: the login commands until a login
 * succeeds, then the avatar's locator.
 *
 * <p>The pending username and challenge are event-loop confined (responders run there). The login
 * state is shared with the threads that complete the portal's stages and with the close listener,
 * so it is guarded by {@link #lock}; no future is completed and no logout run under it.
 */
final class LoginLocator implements CommandLocator {
  private static final Logger logger = LoggerFactory.getLogger(LoginLocator.class);

  private enum State {
    /** No login attempt running, none succeeded. */
    OPEN,
    /** A login attempt is being checked. */
    CHECKING,
    /** Logged in: commands go to {@link #avatar}. */
    LOGGED_IN,
    /** The connection is closed. */
    CLOSED
  }

  private final AmpLoginServer server;
  private final AmpConnection connection;
  private final BoxResponder passwordLogin;
  private final BoxResponder passwordChallengeResponse;
  private final BoxResponder anonymousLogin;
  private final BoxResponder login;

  /** The username and challenge of the last PasswordLogin, until used. Event-loop confined. */
  private byte[] pendingUsername;
  private byte[] pendingChallenge;

  private final Object lock = new Object();
  private State state = State.OPEN; // guarded by lock
  private LoginResult<?> session; // guarded by lock
  /** Written under lock, read without it by locateResponder. */
  private volatile CommandLocator avatar;

  LoginLocator(AmpLoginServer server, AmpConnection connection) {
    this.server = server;
    this.connection = connection;
    this.passwordLogin =
        box -> Responders.respond(PasswordLogin_AmpSerializer.INSTANCE, box, this::passwordLogin);
    this.passwordChallengeResponse =
        box -> Responders.respondAsync(
            PasswordChallengeResponse_AmpSerializer.INSTANCE, box, this::passwordChallengeResponse);
    this.anonymousLogin =
        box -> Responders.respondAsync(
            AnonymousLogin_AmpSerializer.INSTANCE, box, c -> attempt(Anonymous.INSTANCE));
    this.login =
        box -> Responders.respondAsync(Login_AmpSerializer.INSTANCE, box, this::login);
    connection.closeFuture().whenComplete((v, t) -> connectionClosed());
  }

  @Override
  public BoxResponder locateResponder(String commandName) {
    CommandLocator a = avatar;
    if (a != null) {
      return a.locateResponder(commandName);
    }
    switch (commandName) {
      case "PasswordLogin":
        return passwordLogin;
      case "PasswordChallengeResponse":
        return passwordChallengeResponse;
      case "AnonymousLogin":
        return anonymousLogin;
      case "Login":
        return server.allowPlaintextLogin ? login : null;
      default:
        return null;
    }
  }

  /** ampauth's {@code CredReceiver.passwordLogin}: a fresh challenge for {@code username}. */
  private PasswordLogin.Result passwordLogin(PasswordLogin command) {
    byte[] challenge = new byte[AmpLogin.CHALLENGE_BYTES];
    server.random.nextBytes(challenge);
    pendingUsername = command.username().clone();
    pendingChallenge = challenge;
    return new PasswordLogin.Result(challenge.clone());
  }

  /**
   * ampauth's {@code CredReceiver.passwordChallengeResponse}, except that the challenge is used up
   * (ampauth keeps it for further responses) and a response without a challenge is an unauthorized
   * login (ampauth fails with an undeclared {@code AttributeError}).
   */
  private CompletionStage<Void> passwordChallengeResponse(PasswordChallengeResponse command) {
    byte[] username = pendingUsername;
    byte[] challenge = pendingChallenge;
    pendingUsername = null;
    pendingChallenge = null;
    if (challenge == null) {
      UnauthorizedLoginException refused = new UnauthorizedLoginException();
      LoginLog.failed("AMP", null, connection.remoteAddress(), refused);
      return CompletableFuture.failedFuture(LoginErrors.answer(refused));
    }
    return attempt(
        AmpChallengeCredentials.of(username, challenge, command.cnonce(), command.response()));
  }

  private CompletionStage<Void> login(Login command) {
    return attempt(UsernamePassword.of(command.username(), command.password()));
  }

  /**
   * Logs {@code credentials} in (see {@link #check}), logs the outcome at INFO and answers a
   * failure with its declared error box (see {@link LoginErrors#answer}).
   */
  private CompletionStage<Void> attempt(Credentials credentials) {
    return check(credentials)
        .handle(
            (v, failure) -> {
              if (failure == null) {
                LoginLog.succeeded("AMP", credentials, connection.remoteAddress());
                ConnectionInfo info = connection.connectionInfo();
                if (info != null) {
                  info.loggedIn(LoginLog.avatarId(credentials));
                }
                return CompletableFuture.<Void>completedFuture(null);
              }
              Throwable cause = unwrap(failure);
              LoginLog.failed("AMP", credentials, connection.remoteAddress(), cause);
              ConnectionInfo info = connection.connectionInfo();
              if (info != null) {
                info.loginFailed(cause);
              }
              return CompletableFuture.<Void>failedFuture(LoginErrors.answer(cause));
            })
        .thenCompose(f -> f);
  }

  /** Logs {@code credentials} in through the portal; on success, switches to the avatar. */
  private CompletionStage<Void> check(Credentials credentials) {
    synchronized (lock) {
      if (state != State.OPEN) {
        return CompletableFuture.failedFuture(new UnauthorizedLoginException());
      }
      state = State.CHECKING;
    }
    CompletionStage<? extends LoginResult<?>> stage;
    try {
      stage =
          server.throttledPortal != null
              ? server.throttledPortal.login(
                  peerKey(), credentials, connection, AmpLoginServer.AVATAR_INTERFACES)
              : server.portal.login(credentials, connection, AmpLoginServer.AVATAR_INTERFACES);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(attemptFailed(e));
    }
    CompletableFuture<Void> out = new CompletableFuture<>();
    stage.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            out.completeExceptionally(attemptFailed(unwrap(failure)));
          } else {
            loggedIn(result, out);
          }
        });
    return out;
  }

  /** Ends a failed attempt; returns the failure as the portal gave it (attempt maps it). */
  private Throwable attemptFailed(Throwable failure) {
    synchronized (lock) {
      if (state == State.CHECKING) {
        state = State.OPEN;
      }
    }
    if (failure instanceof UnhandledCredentialsException unhandled) {
      // Declared as NOT_IMPLEMENTED_ERROR: the server cannot check this kind of login.
      failure = new UnsupportedOperationException(unhandled.getMessage(), unhandled);
    }
    return failure;
  }

  private void loggedIn(LoginResult<?> result, CompletableFuture<Void> out) {
    CommandLocator locator;
    try {
      locator = avatarLocator(result);
    } catch (RuntimeException e) {
      logger.warn("{}: login refused: the realm's avatar answers no AMP commands", connection, e);
      logout(result);
      out.completeExceptionally(
          attemptFailed(new UnsupportedOperationException("avatar answers no AMP commands", e)));
      return;
    }
    boolean closed;
    synchronized (lock) {
      closed = state == State.CLOSED;
      if (!closed) {
        state = State.LOGGED_IN;
        session = result;
        avatar = locator;
      }
    }
    if (closed) {
      // The connection closed while the login was checked: nobody will use the avatar.
      logout(result);
    } else {
      logger.debug("{}: logged in", connection); // LoginLog has the INFO line
    }
    out.complete(null);
  }

  private static CommandLocator avatarLocator(LoginResult<?> result) {
    Object avatar = result.avatar();
    if (avatar instanceof CommandLocator locator) {
      return locator;
    }
    try {
      return CommandLocator.of(avatar);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "avatar: " + avatar.getClass().getName()
              + " (expected: a CommandLocator, or a class with a generated _AmpLocator; if its"
              + " responders take the AmpConnection, the realm returns new X_AmpLocator(avatar,"
              + " (AmpConnection) mind), the mind being the connection)", e);
    }
  }

  private void connectionClosed() {
    LoginResult<?> s;
    synchronized (lock) {
      state = State.CLOSED;
      s = session;
      session = null;
    }
    if (s != null) {
      logger.debug("{}: closed; logging out", connection);
      logout(s);
    }
  }

  private void logout(LoginResult<?> result) {
    try {
      result.logout();
    } catch (RuntimeException e) {
      logger.warn("{}: the realm's logout failed", connection, e);
    }
  }

  /** The throttle's key: the client's IP address, or its address as text if it has none. */
  private String peerKey() {
    SocketAddress remote = connection.remoteAddress();
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
