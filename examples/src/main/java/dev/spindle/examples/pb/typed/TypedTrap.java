package dev.spindle.examples.pb.typed;

import dev.spindle.examples.pb.MyException;
import dev.spindle.examples.pb.MyOtherException;
import dev.spindle.examples.pb.TrapClient;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.typed.PbStub;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code trap_server.py} and {@code trap_client.py} with a remote interface: a stub's failures
 * are trapped by the remote class name ({@link RemotePbException#check}), a dead reference by
 * {@link DeadReferenceException}. Usage: {@code TypedTrap server [port]} or {@code TypedTrap
 * client [host] [port]} (default 127.0.0.1 8800).
 */
public final class TypedTrap {
  static final String INSECURE_JELLY = "twisted.spread.jelly.InsecureJelly";

  private TypedTrap() {}

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port); it closes on shutdown(). */
  public static PbServer start(int port) {
    CompletableFuture<Void> shutdown = new CompletableFuture<>();
    Trappable one = new Trappable() {
      @Override
      public CompletableFuture<String> fooMethod(Object arg) {
        if ("panic!".equals(arg)) {
          throw new MyException();
        }
        return CompletableFuture.completedFuture("response");
      }

      @Override
      public void shutdown() {
        shutdown.complete(null);
      }
    };
    PbServer server = PbServer.builder().root(Trappable_PbSkeleton.of(one))
        .bind("127.0.0.1", port).start();
    shutdown.thenRun(server::closeAsync);
    return server;
  }

  /** The remote class {@code failure} is one of ({@code failure.trap}), else rethrows it. */
  static String trap(Throwable failure, String... types) {
    Throwable cause = TypedPbSimple.cause(failure);
    if (cause instanceof RemotePbException remote) {
      for (String type : types) {
        if (remote.check(type)) {
          return type;
        }
      }
    }
    throw new CompletionException(cause);
  }

  /** Makes the howto's calls, printing to {@code out}; returns after the stale call. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      Trappable remote = Trappable_PbStub.of(client.getRootObject(host, port)
          .get(30, TimeUnit.SECONDS));
      doCall(remote, out, "callOne: call with safe object", "safe string")
          .thenCompose(v -> doCall(remote, out, "callTwo: call with dangerous object",
              new TrapClient.ScaryObject()))
          .thenCompose(v -> doCall(remote, out, "callThree: call that raises remote exception",
              "panic!"))
          .thenCompose(v -> {
            out.println("telling them to shut down");
            CompletableFuture<Void> gone = new CompletableFuture<>();
            ((PbStub) remote).reference().notifyOnDisconnect(() -> gone.complete(null));
            remote.shutdown();
            return gone;
          })
          .thenCompose(v -> doCall(remote, out, "callFour: call on stale reference", "dummy"))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<Void> doCall(Trappable remote, PrintStream out,
      String explanation, Object arg) {
    out.println(explanation);
    return remote.fooMethod(arg)
        .<Void>thenApply(response -> {
          out.println(" method successful, response: " + response);
          return null;
        })
        .exceptionally(failure -> {
          Throwable cause = TypedPbSimple.cause(failure);
          if (!(cause instanceof DeadReferenceException)) {
            throw new CompletionException(cause);
          }
          out.println(" stale reference: the client disconnected or crashed");
          return null;
        })
        .exceptionally(failure -> {
          trap(failure, INSECURE_JELLY);
          out.println(" InsecureJelly: you tried to send something unsafe to them");
          return null;
        })
        .exceptionally(failure -> {
          String which = trap(failure, MyException.class.getName(),
              MyOtherException.class.getName());
          out.println(which.equals(MyException.class.getName())
              ? " remote raised a MyException" : " remote raised a MyOtherException");
          return null;
        })
        .exceptionally(failure -> {
          out.println(" something else happened: " + TypedPbSimple.cause(failure));
          return null;
        });
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8800;
    if (server) {
      PbServer s = start(port);
      System.out.println("trap_server serving PB on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, System.out);
    }
  }
}
