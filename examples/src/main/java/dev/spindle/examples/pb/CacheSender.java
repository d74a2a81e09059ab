package dev.spindle.examples.pb;

import dev.spindle.examples.pb.CacheClasses.MasterDuckPond;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Gives a {@link MasterDuckPond} to a cache receiver (Java's {@link CacheReceiver} or Twisted's
 * {@code cache_receiver.py}) and changes it while the receiver watches, like Twisted's {@code
 * cache_sender.py}. Usage: {@code CacheSender [host] [port]} (default 127.0.0.1 8800).
 */
public final class CacheSender {
  private CacheSender() {}

  /** The howto's phases, each started by the previous one's answer. */
  static final class Sender {
    private final MasterDuckPond pond;
    private RemoteReference remote;

    Sender(MasterDuckPond pond) {
      this.pond = pond;
    }

    CompletableFuture<Void> phase1(RemoteReference remote) {
      this.remote = remote;
      return remote.callRemote("takePond", pond).thenCompose(this::phase2);
    }

    CompletableFuture<Void> phase2(Object response) {
      pond.addDuck("ugly duckling");
      pond.count();
      // the howto waits a second: the update goes first on the same connection anyway
      return phase3();
    }

    CompletableFuture<Void> phase3() {
      return remote.callRemote("checkDucks").thenCompose(this::phase4);
    }

    CompletableFuture<Void> phase4(Object dummy) {
      pond.removeDuck("one duck");
      pond.count();
      remote.callRemote("checkDucks");
      return remote.callRemote("ignorePond").thenCompose(this::phase5);
    }

    CompletableFuture<Void> phase5(Object dummy) {
      // the receiver stops: the answer may never come
      return remote.callRemote("shutdown").handle((v, e) -> {
        if (e != null && !(Howto.cause(e) instanceof PbConnectionLostException)) {
          throw new CompletionException(Howto.cause(e));
        }
        return null;
      });
    }
  }

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Runs the phases, printing to {@code out}; returns the master pond. */
  public static MasterDuckPond run(String host, int port, PrintStream out) throws Exception {
    MasterDuckPond master = new MasterDuckPond(List.of("one duck", "two duck"), out);
    master.count();

    Sender sender = new Sender(master);
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port).thenCompose(sender::phase1).get(30, TimeUnit.SECONDS);
    }
    return master;
  }
}
