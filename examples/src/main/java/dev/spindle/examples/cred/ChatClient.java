package dev.spindle.examples.cred;

import dev.spindle.cred.UsernamePassword;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Referenceable;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cred howto's {@code chatclient.py}: logs in to {@code chatserver.py} (Java or Twisted) with
 * itself as the mind, joins {@code #NeedAFourth}, sends one message to all members and, once the
 * message is answered, shuts down. The server prints every group message on the client's console
 * by calling {@link #remote_print} on this mind.
 *
 * <p>The howto logs in as {@code alice}/{@code 1234} and says "You can call me Al."; these are the
 * defaults. Usage: {@code ChatClient [host] [port] [username] [password] [message]} (default
 * 127.0.0.1 8800 alice 1234 "You can call me Al.").
 *
 * <p>Thread-safe: {@link #remote_print} runs on the connection's event loop.
 */
public final class ChatClient implements Referenceable {
  /** The group the howto's client joins. */
  public static final String GROUP = "#NeedAFourth";

  private final PrintStream out;
  private volatile RemoteReference perspective;

  /** A client whose console is {@code out}. */
  public ChatClient(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    String username = args.length > 2 ? args[2] : "alice";
    String password = args.length > 3 ? args[3] : "1234";
    String message = args.length > 4 ? args[4] : "You can call me Al.";
    run(host, port, username, password, message, System.out);
  }

  /**
   * Runs the howto's client: logs in, joins {@link #GROUP}, sends {@code message} and returns once
   * it is answered; what it prints goes to {@code out}.
   */
  public static void run(String host, int port, String username, String password, String message,
      PrintStream out) throws Exception {
    try (PbClient factory = PbClient.builder().build()) {
      ChatClient client = new ChatClient(out);
      client.connect(factory, host, port, username, password)
          .thenCompose(client::connected)
          .thenCompose(group -> client.gotGroup(group, message))
          .get(10, TimeUnit.SECONDS);
    } // shutdown
  }

  /** {@code mind.callRemote("print", message)} from the server: prints {@code message}. */
  public void remote_print(String message) {
    out.println(message);
  }

  /**
   * Logs in with this client as the mind: Twisted's {@code factory.login(UsernamePassword(...),
   * client=self)}. Completes with the reference to the server's {@code User} avatar.
   */
  public CompletableFuture<RemoteReference> connect(PbClient factory, String host, int port,
      String username, String password) {
    return factory.login(host, port, UsernamePassword.of(username, password), this);
  }

  /** Keeps the perspective and joins {@link #GROUP}; completes with the reference to the group. */
  public CompletableFuture<RemoteReference> connected(RemoteReference perspective) {
    out.println("connected, joining group " + GROUP);
    // This perspective is a reference to our User object. Keep it: released (or collected), the
    // server would think we logged out.
    this.perspective = perspective;
    return perspective.callRemote(RemoteReference.class, "joinGroup", GROUP);
  }

  /**
   * Sends {@code message} to all members of {@code group} (a reference to the server's {@code
   * Group}, through a view point); completes once it is answered.
   */
  public CompletableFuture<Object> gotGroup(RemoteReference group, String message) {
    out.println("joined group, now sending a message to all members");
    return group.callRemote("send", message);
  }

  /** The reference to this client's avatar, once {@link #connected}; else null. */
  public RemoteReference perspective() {
    return perspective;
  }
}
