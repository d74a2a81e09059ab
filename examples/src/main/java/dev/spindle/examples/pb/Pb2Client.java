package dev.spindle.examples.pb;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gets the Two from a pb2 server (Java or Twisted's {@code pb2server.py}) and gives it back to
 * {@code checkTwo}, like Twisted's {@code pb2client.py}. Usage: {@code Pb2Client [host] [port]}
 * (default 127.0.0.1 8800).
 */
public final class Pb2Client {
  private Pb2Client() {}

  /**
   * The howto's state machine: each answer runs the next step, and what one step needs from an
   * earlier one is kept in a field.
   */
  static final class Foo {
    private final PrintStream out;
    private RemoteReference oneRef;

    Foo(PrintStream out) {
      this.out = out;
    }

    CompletableFuture<Object> step1(RemoteReference obj) {
      out.println("got one object: " + Howto.describe(obj));
      oneRef = obj;
      out.println("asking it to getTwo");
      return oneRef.callRemote(RemoteReference.class, "getTwo").thenCompose(this::step2);
    }

    CompletableFuture<Object> step2(RemoteReference two) {
      out.println("got two object: " + Howto.describe(two));
      out.println("giving it back to one");
      out.println("one is " + Howto.describe(oneRef));
      return oneRef.callRemote("checkTwo", two).whenComplete((v, e) -> two.release());
    }
  }

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Runs the steps, printing to {@code out}; returns when {@code checkTwo} answered. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    Foo foo = new Foo(out);
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port).thenCompose(foo::step1).get(30, TimeUnit.SECONDS);
    }
  }
}
