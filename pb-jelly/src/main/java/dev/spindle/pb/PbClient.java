package dev.spindle.pb;

import dev.spindle.pb.exceptions.PbTlsHandshakeException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.cred.Credentials;
import dev.spindle.pb.banana.BananaRole;
import dev.spindle.transport.Client;
import dev.spindle.transport.IoTransport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Opens Perspective Broker connections to servers (a Twisted {@code PBServerFactory} or a {@link
 * PbServer}). One client can open many connections; they share its event loops and options.
 *
 * <pre>{@code
 * try (PbClient client = PbClient.builder().build()) {
 *   RemoteReference root = client.getRootObject("127.0.0.1", 8787).join();
 *   Object echoed = root.callRemote("echo", "héllo").join();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Twisted equivalent: {@code PBClientFactory} with {@code reactor.connectTCP}.
 */
public final class PbClient extends Client {
  private final PbSetup setup;

  private PbClient(EventLoopGroup group, IoTransport transport, PbSetup setup) {
    super("PbClient", group, transport);
    this.setup = setup;
  }

  /**
   * Returns a new builder.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to {@code host}:{@code port}. The future completes, on the connection's event loop,
   * once the Banana handshake is done and the version sent (Twisted's {@code
   * clientConnectionMade}); it fails with {@link PbConnectionLostException} if the connection
   * cannot be made or closes first.
   *
   * @param host the server's host name or address, looked up off the event loops
   * @param port the server's TCP port, 1 to 65535
   * @return a future that completes with the ready connection, or exceptionally as above
   */
  public CompletableFuture<PbConnection> connect(String host, int port) {
    return open(host, port, ch -> setup.init(ch, host, port, true),
            PbConnectionLostException::new, PbTlsHandshakeException::new)
        .thenCompose(c -> c.handler().handler().ready().thenApply(v -> c));
  }

  /**
   * Connects to {@code address}. See {@link #connect(String, int)}. Thread-safe. A host name is
   * looked up off the event loops.
   *
   * @param address the server's address, resolved or not
   * @return a future that completes with the ready connection, or exceptionally as {@link
   *     #connect(String, int)}'s does
   */
  public CompletableFuture<PbConnection> connect(InetSocketAddress address) {
    return connect(address.getHostString(), address.getPort());
  }

  /**
   * Connects and returns a reference to the server's root object: Twisted's {@code
   * PBClientFactory.getRootObject}. The connection is {@link RemoteReference#connection()}.
   *
   * @param host the server's host name or address
   * @param port the server's TCP port, 1 to 65535
   * @return a future that completes with the reference to the server's root, or exceptionally as
   *     {@link #connect(String, int)}'s does
   */
  public CompletableFuture<RemoteReference> getRootObject(String host, int port) {
    return connect(host, port).thenCompose(PbConnection::getRootObject);
  }

  /**
   * Connects and logs in to the server's cred portal: Twisted's {@code
   * PBClientFactory.login(credentials, client=mind)}. The future completes with a reference to
   * the avatar (its connection is {@link RemoteReference#connection()}); see {@link
   * PbConnection#login} for the exchange, the mind and the failures. If the login fails, the
   * connection it opened is closed.
   *
   * <pre>{@code
   * RemoteReference avatar = client.login("127.0.0.1", 8800,
   *     UsernamePassword.of("alice", "secret"), new Mind()).join();
   * avatar.callRemote("joinGroup", "#NeedAFourth");       // perspective_joinGroup
   * avatar.release();                                      // the server's realm logs out
   * RemoteReference guest = client.login("127.0.0.1", 8800, Anonymous.INSTANCE, null).join();
   * }</pre>
   *
   * <p>{@code Anonymous.INSTANCE} logs in anonymously (Twisted's {@code loginAnonymous}): the
   * server's portal must have a checker for it ({@code AllowAnonymousAccess}), or the future
   * fails with {@code UnhandledCredentials}.
   *
   * @param host the server's host name or address
   * @param port the server's TCP port, 1 to 65535
   * @param credentials a {@link dev.spindle.cred.UsernamePassword} or {@link
   *     dev.spindle.cred.Anonymous}
   * @param mind the object the server's realm receives, or {@code null}
   * @return a future that completes with a reference to the avatar, or exceptionally if the
   *     connection or the login fails
   * @throws NullPointerException if {@code credentials} is null
   */
  public CompletableFuture<RemoteReference> login(String host, int port, Credentials credentials, Object mind) {
    Objects.requireNonNull(credentials, "credentials");
    CompletableFuture<RemoteReference> avatar = new CompletableFuture<>();
    connect(host, port).whenComplete((c, e) -> {
      if (e != null) {
        avatar.completeExceptionally(unwrap(e));
        return;
      }
      c.login(credentials, mind).whenComplete((ref, failure) -> {
        if (failure != null) {
          c.close();
          avatar.completeExceptionally(failure);
        } else {
          avatar.complete(ref);
        }
      });
    });
    return avatar;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Builds a {@link PbClient}. Not thread-safe. */
  public static final class Builder extends PbEndpointBuilder<Builder> {
    private Builder() {}

    /**
     * Turns off the check that the server's TLS certificate names the host connected to (see
     * {@link #sslContext}). Insecure: any server with a certificate the trust manager accepts can
     * then impersonate any other. The certificate chain is still verified unless the context's
     * trust manager says otherwise.
     *
     * @return this builder
     */
    public Builder insecureSkipHostnameVerification() {
      this.verifyHostname = false;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client, to be closed when no longer needed
     */
    public PbClient build() {
      checkTlsRole(false);
      PbSetup setup = setup(BananaRole.CLIENT, null);
      return new PbClient(group, ioTransport, setup);
    }
  }
}
