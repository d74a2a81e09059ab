package dev.spindle.examples.pb;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Copyable;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Twisted's {@code trap_client.py}: calls a trap server (Java or Twisted's {@code trap_server.py})
 * in ways that succeed, that send something the server refuses, that make the server raise, and
 * that use a stale reference, and sorts the failures with a chain of handlers that each trap some
 * classes and pass the rest on. Usage: {@code TrapClient [host] [port]} (default 127.0.0.1 8800).
 *
 * <p>The errback chain is a chain of {@code exceptionally} stages; {@link #trap} is Twisted's
 * {@code Failure.trap}, matching the remote failure's class and its parents by Python name.
 */
public final class TrapClient {
  /** Twisted's {@code jelly.InsecureJelly}, as a remote failure names it. */
  static final String INSECURE_JELLY = "twisted.spread.jelly.InsecureJelly";

  private TrapClient() {}

  /**
   * Not safe for serialization: a Copyable the server has not registered, so the server refuses
   * it ({@code InsecureJelly}). The howto's plain instance is refused by Spindle before it is
   * sent, and Twisted 22.4 sends it as {@code unpersistable}.
   */
  public static final class ScaryObject implements Copyable {
    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "trap_client.ScaryObject";
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      return Map.of();
    }
  }

  /**
   * Returns the first of {@code types} (Python class names) that the failure is an instance of,
   * or rethrows it for the next handler: Twisted's {@code Failure.trap(*types)}.
   */
  static String trap(Throwable failure, String... types) {
    Throwable cause = Howto.cause(failure);
    if (cause instanceof RemotePbException remote) {
      for (String type : types) {
        if (remote.check(type)) {
          return type;
        }
      }
    }
    throw new CompletionException(cause);
  }

  /** The howto's class One: the calls and their handlers. */
  static final class One {
    private final PrintStream out;
    private RemoteReference remote;

    One(PrintStream out) {
      this.out = out;
    }

    Void worked(Object response) {
      out.println(" method successful, response: " + response);
      return null;
    }

    Void checkInsecureJelly(Throwable failure) {
      trap(failure, INSECURE_JELLY);
      out.println(" InsecureJelly: you tried to send something unsafe to them");
      return null;
    }

    Void checkMyException(Throwable failure) {
      String which = trap(failure, MyException.class.getName(), MyOtherException.class.getName());
      if (which.equals(MyException.class.getName())) {
        out.println(" remote raised a MyException");
      } else {
        out.println(" remote raised a MyOtherException");
      }
      return null;
    }

    Void checkDeadReference(Throwable failure) {
      // Twisted raises DeadReferenceError from callRemote itself; Spindle fails the future at once
      Throwable cause = Howto.cause(failure);
      if (!(cause instanceof DeadReferenceException)) {
        throw new CompletionException(cause);
      }
      out.println(" stale reference: the client disconnected or crashed");
      return null;
    }

    Void catchEverythingElse(Throwable failure) {
      out.println(" something else happened: " + Howto.cause(failure));
      return null;
    }

    CompletableFuture<Void> doCall(String explanation, Object arg) {
      out.println(explanation);
      return remote.callRemote("fooMethod", arg)
          .thenApply(this::worked)
          .exceptionally(this::checkDeadReference)
          .exceptionally(this::checkInsecureJelly)
          .exceptionally(this::checkMyException)
          .exceptionally(this::catchEverythingElse);
    }

    CompletableFuture<Void> callOne() {
      return doCall("callOne: call with safe object", "safe string");
    }

    CompletableFuture<Void> callTwo() {
      return doCall("callTwo: call with dangerous object", new ScaryObject());
    }

    CompletableFuture<Void> callThree() {
      return doCall("callThree: call that raises remote exception", "panic!");
    }

    CompletableFuture<Void> callShutdown() {
      out.println("telling them to shut down");
      CompletableFuture<Void> gone = new CompletableFuture<>();
      remote.notifyOnDisconnect(() -> gone.complete(null));
      // the server stops: the answer may never come
      remote.callRemote("shutdown").exceptionally(f -> null);
      return gone;
    }

    CompletableFuture<Void> callFour() {
      return doCall("callFour: call on stale reference", "dummy");
    }

    /** The howto spaces the calls a second apart; here each starts when the previous is done. */
    CompletableFuture<Void> gotObj(RemoteReference obj) {
      remote = obj;
      return callOne()
          .thenCompose(v -> callTwo())
          .thenCompose(v -> callThree())
          .thenCompose(v -> callShutdown())
          .thenCompose(v -> callFour());
    }
  }

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Makes the calls, printing to {@code out}. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    One one = new One(out);
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port).thenCompose(one::gotObj).get(30, TimeUnit.SECONDS);
    }
  }
}
