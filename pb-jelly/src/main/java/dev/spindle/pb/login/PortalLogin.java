package dev.spindle.pb.login;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.LoginLog;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.PbChallenge;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.pb.flavors.PeerConnection;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The root object of one connection of a {@link PortalRoot}: Twisted's {@code _PortalWrapper},
 * answering {@code login} (then the challenger's {@code respond}) and {@code loginAnonymous}. Its
 * remote methods run on the connection's event loop; the portal may answer on any thread.
 *
 * <p><b>Composable</b>: to publish a root that offers login <em>and</em> methods of your own
 * (a version check, a public status call before login), extend it and have the server build yours
 * for each connection. The subclass must be public (its methods are found like any {@link
 * Referenceable}'s); the login methods are final.
 *
 * <pre>{@code
 * public class MyRoot extends PortalLogin {
 *   public MyRoot(PortalRoot root, PeerConnection connection) { super(root, connection); }
 *   public String remote_serverVersion() { return "1.4"; }     // callRemote("serverVersion")
 * }
 *
 * PbServer.builder().portal(portal, MyRoot::new).start();      // login, loginAnonymous, serverVersion
 * }</pre>
 */
public class PortalLogin implements Referenceable {
  private final PortalRoot root;
  private final PeerConnection connection;

  /**
   * Creates the login object of {@code connection} for {@code root}; called by {@link
   * PortalRoot#rootObject} through the factory given to {@link PortalRoot.Builder#loginObject}.
   *
   * @param root the root whose portal logins go to
   * @param connection the connection this object is published on
   */
  protected PortalLogin(PortalRoot root, PeerConnection connection) {
    this.root = Objects.requireNonNull(root, "root");
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /**
   * {@return the connection this object was published on (a {@code dev.spindle.pb.PbConnection})}
   */
  protected final PeerConnection connection() {
    return connection;
  }

  /** {@return the root whose portal logins go to} */
  protected final PortalRoot portalRoot() {
    return root;
  }

  /**
   * Starts a username/password login: answers {@code (challenge, challenger)}. Twisted: {@code
   * _PortalWrapper.remote_login}.
   *
   * @param username the username as the peer sent it: bytes, or text taken as UTF-8
   * @return the tuple {@code (challenge, challenger)}: the challenge bytes, and the object whose
   *     {@code respond} takes the answer
   */
  public final Tuple remote_login(Object username) {
    PbChallenge challenge = root.challengeSource.get();
    if (challenge == null) {
      throw new IllegalStateException("challengeSource: returned null (expected: a PbChallenge)");
    }
    return Tuple.of(challenge.bytes(), new Challenger(this, usernameBytes(username), challenge));
  }

  /**
   * Logs in anonymously with {@code mind}. Twisted: {@code _PortalWrapper.remote_loginAnonymous}.
   *
   * @param mind the client's object for the avatar to call back, or {@code None}
   * @return a stage that completes with the avatar, or fails with the portal's login failure
   */
  public final CompletionStage<Object> remote_loginAnonymous(Object mind) {
    return login(Anonymous.INSTANCE, mind);
  }

  /** The bytes cred sees: bytes as sent, a str as UTF-8, anything else null (cannot log in). */
  private static byte[] usernameBytes(Object username) {
    if (username instanceof ByteString b) {
      return b.toByteArray();
    }
    if (username instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    return null;
  }

  /**
   * Logs {@code credentials} in through the portal and answers the avatar's reference. On success
   * the logout is registered to run when the connection is lost (thread-safe; at once if it
   * already is) before the answer is completed, so no path skips it; the broker writes the answer
   * on the event loop. Twisted: {@code _JellyableAvatarMixin._cbLogin}.
   */
  CompletionStage<Object> login(Credentials credentials, Object mind) {
    CompletionStage<LoginResult<Perspective>> stage;
    try {
      stage = root.throttledPortal != null
          ? root.throttledPortal.login(peerKey(), credentials, mind, Perspective.class)
          : root.portal.login(credentials, mind, Perspective.class);
    } catch (RuntimeException e) {
      LoginLog.failed("PB", credentials, connection.remoteAddress(), e);
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Object> answer = new CompletableFuture<>();
    stage.whenComplete((result, failure) -> {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        LoginLog.failed("PB", credentials, connection.remoteAddress(), cause);
        ConnectionInfo info = connection.connectionInfo();
        if (info != null) {
          info.loginFailed(cause);
        }
        answer.completeExceptionally(cause);
        return;
      }
      AvatarReference avatar = new AvatarReference(result);
      try {
        connection.notifyOnDisconnect(avatar.onDisconnect());
      } catch (RuntimeException e) {
        try {
          result.logout();
        } catch (RuntimeException x) {
          e.addSuppressed(x);
        }
        answer.completeExceptionally(e);
        return;
      }
      LoginLog.succeeded("PB", credentials, connection.remoteAddress());
      ConnectionInfo info = connection.connectionInfo();
      if (info != null) {
        info.loggedIn(LoginLog.avatarId(credentials));
      }
      answer.complete(avatar);
    });
    return answer;
  }

  /** Logs a login refused before it reached the portal (credentials that cannot be read). */
  void refused(Throwable failure) {
    LoginLog.failed("PB", null, connection.remoteAddress(), failure);
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
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + connection + "}";
  }
}
