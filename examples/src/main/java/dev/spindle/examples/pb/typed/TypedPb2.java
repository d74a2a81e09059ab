package dev.spindle.examples.pb.typed;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.typed.PbStub;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code pb2server.py} and {@code pb2client.py} with remote interfaces: the client gets the
 * server's Two ({@link Keeper#getTwo}) and gives it back ({@link Keeper#checkTwo}), where it
 * arrives as the server's own object. Usage: {@code TypedPb2 server [port]} or {@code TypedPb2
 * client [host] [port]} (default 127.0.0.1 8800).
 */
public final class TypedPb2 {
  private TypedPb2() {}

  /** The server's Two. */
  static final class Two implements Printer {
    private final PrintStream out;

    Two(PrintStream out) {
      this.out = out;
    }

    @Override
    public CompletableFuture<Void> print(Object arg) {
      out.println("two.print was given " + arg);
      return CompletableFuture.completedFuture(null);
    }
  }

  /** The root. */
  static final class One implements Keeper {
    private final PrintStream out;
    private final Two two;

    One(Two two, PrintStream out) {
      this.two = two;
      this.out = out;
    }

    @Override
    public CompletableFuture<Printer> getTwo() {
      out.println("One.getTwo(), returning my two called " + name(two));
      return CompletableFuture.completedFuture(two);
    }

    @Override
    public CompletableFuture<Void> checkTwo(Printer newtwo) {
      out.println("One.checkTwo(): comparing my two " + name(two));
      out.println("One.checkTwo(): against your two " + name(newtwo));
      if (two == newtwo) {
        out.println("One.checkTwo(): our twos are the same");
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  /** How the howto ports print an object: its class's simple name. */
  static String name(Object o) {
    return o == null ? "None" : o.getClass().getSimpleName();
  }

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    return PbServer.builder().root(Keeper_PbSkeleton.of(new One(new Two(out), out)))
        .bind("127.0.0.1", port).start();
  }

  /** Makes the calls, printing each step to {@code out}; returns when {@code checkTwo} answered. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenCompose(ref -> {
            Keeper one = Keeper_PbStub.of(ref);
            out.println("got one object: " + name(one));
            out.println("asking it to getTwo");
            return one.getTwo().thenCompose(two -> {
              out.println("got two object: " + name(two));
              out.println("giving it back to one");
              out.println("one is " + name(one));
              return one.checkTwo(two).whenComplete((v, e) -> ((PbStub) two).reference().release());
            });
          })
          .get(30, TimeUnit.SECONDS);
    }
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8800;
    if (server) {
      PbServer s = start(port, System.out);
      System.out.println("pb2server serving PB on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, System.out);
    }
  }
}
