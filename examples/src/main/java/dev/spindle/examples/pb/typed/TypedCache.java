package dev.spindle.examples.pb.typed;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code cache_classes.py}, {@code cache_sender.py} and {@code cache_receiver.py} with remote
 * interfaces: the owner updates each copy through {@code DuckPond_PbStub.observer(observer)}
 * ({@code addDuck(duck)}, sent as {@code cachemessage "addDuck"}), and the copy, a {@link
 * RemoteCache} implementing {@link DuckPond}, runs them as {@code observe_addDuck} through the
 * generated {@code DuckPond_PbSkeleton}: no method names as strings, no reflection per call.
 * Usage: {@code TypedCache server [port]} (the receiver) or {@code TypedCache client [host]
 * [port]} (the sender; default 127.0.0.1 8800).
 */
public final class TypedCache {
  /** The Python name the pond travels as: {@code cache_classes.py}'s {@code MasterDuckPond}. */
  public static final String MASTER_DUCK_POND = "cache_classes.MasterDuckPond";

  private TypedCache() {}

  /**
   * The master: sent once per connection, then every change is announced to each copy. Its
   * methods may run on the caller's thread and on each connection's event loop: thread-safe.
   */
  public static final class MasterDuckPond implements Cacheable, DuckPond {
    private final List<DuckPond_PbStub.Observer> observers = new CopyOnWriteArrayList<>();
    private final List<String> ducks; // guarded by this
    private final PrintStream out;

    public MasterDuckPond(List<String> ducks, PrintStream out) {
      this.ducks = new ArrayList<>(ducks);
      this.out = out;
    }

    public synchronized void count() {
      out.println("I have [" + ducks.size() + "] ducks");
    }

    @Override
    public synchronized void addDuck(String duck) {
      ducks.add(duck);
      for (DuckPond o : observers) {
        o.addDuck(duck);
      }
    }

    @Override
    public synchronized void removeDuck(String duck) {
      ducks.remove(duck);
      for (DuckPond o : observers) {
        o.removeDuck(duck);
      }
    }

    /** The copies now held by peers. */
    public List<DuckPond_PbStub.Observer> observers() {
      return List.copyOf(observers);
    }

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return MASTER_DUCK_POND;
    }

    /** Registers the copy and takes the state in one step, so no change falls between. */
    @Override
    public synchronized Object getStateToCacheAndObserveFor(Object perspective,
        RemoteCacheObserver observer) {
      observers.add(DuckPond_PbStub.observer(observer));
      // you should ignore Cacheable-specific state, like observers
      return List.copyOf(ducks); // in this case, just a list of ducks
    }

    @Override
    public void stoppedObserving(Object perspective, RemoteCacheObserver observer) {
      observers.removeIf(o -> o.observer() == observer);
      out.println("stopped observing");
    }
  }

  /**
   * This is a cache of a remote MasterDuckPond: {@link DuckPond}'s methods are its {@code
   * observe_} methods. Runs on its connection's event loop.
   */
  public static final class SlaveDuckPond extends RemoteCache implements DuckPond {
    private final PrintStream out;
    private List<String> cacheducks;

    public SlaveDuckPond(PrintStream out) {
      this.out = out;
    }

    public int count() {
      return cacheducks.size();
    }

    public List<String> getDucks() {
      return cacheducks;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void setCopyableState(Object state) {
      out.println(" cache - sitting, er, setting ducks");
      cacheducks = new ArrayList<>((List<String>) state);
    }

    @Override
    public void addDuck(String newDuck) {
      out.println(" cache - addDuck");
      cacheducks.add(newDuck);
    }

    @Override
    public void removeDuck(String deadDuck) {
      out.println(" cache - removeDuck");
      cacheducks.remove(deadDuck);
    }
  }

  /** {@code cache_receiver.py}'s root. Its methods run on the connection's event loop. */
  static final class Receiver implements DuckWatcher {
    private final PrintStream out;
    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();
    private SlaveDuckPond pond;

    Receiver(PrintStream out) {
      this.out = out;
    }

    @Override
    public CompletableFuture<Void> takePond(DuckPond pond) {
      this.pond = (SlaveDuckPond) pond; // the copy registered for MASTER_DUCK_POND
      out.println("got pond: " + TypedPb2.name(pond)); // a DuckPondCache
      return checkDucks();
    }

    @Override
    public CompletableFuture<Void> checkDucks() {
      out.println("[" + pond.count() + "] ducks:  " + repr(pond.getDucks()));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> ignorePond() {
      // stop watching the pond
      out.println("dropping pond");
      // Twisted: gc causes __del__ causes 'decache' msg causes stoppedObserving; Java says so
      pond.release();
      pond = null;
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      shutdown.complete(null);
      return CompletableFuture.completedFuture(null);
    }
  }

  /** A list of strings as Python prints it: {@code ['one duck', 'two duck']}. */
  static String repr(List<String> strings) {
    return strings.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * Starts the receiver on 127.0.0.1:{@code port} (0: any free port), printing to {@code out};
   * it closes itself when a client calls {@code shutdown}.
   */
  public static PbServer start(int port, PrintStream out) {
    Receiver root = new Receiver(out);
    PbServer server = PbServer.builder()
        .root(DuckWatcher_PbSkeleton.of(root))
        .remoteCache(MASTER_DUCK_POND, () -> new SlaveDuckPond(out))
        .bind("127.0.0.1", port)
        .start();
    root.shutdown.thenRun(server::closeAsync);
    return server;
  }

  /**
   * Gives a two-duck pond to the receiver at {@code host:port} and changes it while the receiver
   * watches, printing to {@code out}; returns the master pond.
   */
  public static MasterDuckPond run(String host, int port, PrintStream out) throws Exception {
    MasterDuckPond pond = new MasterDuckPond(List.of("one duck", "two duck"), out);
    pond.count();
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port).thenApply(DuckWatcher_PbStub::of)
          .thenCompose(remote -> remote.takePond(pond)
              .thenCompose(response -> {
                pond.addDuck("ugly duckling");
                pond.count();
                // the howto waits a second: the update goes first on the same connection anyway
                return remote.checkDucks();
              })
              .thenCompose(dummy -> {
                pond.removeDuck("one duck");
                pond.count();
                remote.checkDucks();
                return remote.ignorePond();
              })
              // the receiver stops: the answer may never come
              .thenCompose(dummy -> remote.shutdown().handle((v, e) -> {
                if (e != null
                    && !(TypedPbSimple.cause(e) instanceof PbConnectionLostException)) {
                  throw new CompletionException(TypedPbSimple.cause(e));
                }
                return null;
              })))
          .get(30, TimeUnit.SECONDS);
    }
    return pond;
  }

  public static void main(String[] args) throws Exception {
    boolean receiver = args.length > 0 && args[0].equals("server");
    String host = !receiver && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (receiver ? 1 : 2) ? Integer.parseInt(args[receiver ? 1 : 2]) : 8800;
    if (receiver) {
      PbServer s = start(port, System.out);
      System.out.println("cache_receiver serving PB on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, System.out);
    }
  }
}
