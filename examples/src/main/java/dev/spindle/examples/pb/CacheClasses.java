package dev.spindle.examples.pb;

import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The classes of Twisted's {@code cache_classes.py}: the sender's {@link MasterDuckPond} (a
 * Cacheable) and the receiver's {@link SlaveDuckPond} (its RemoteCache), kept in step through
 * {@code observe_} calls. The receiver binds them with {@code
 * remoteCache(CacheClasses.MASTER_DUCK_POND, SlaveDuckPond::new)}. As in the howto, the state
 * is the bare list of ducks: a {@link RemoteCache} takes a state of any Jelly type.
 */
public final class CacheClasses {
  /** The Python name the pond travels as: {@code cache_classes.py}'s {@code MasterDuckPond}. */
  public static final String MASTER_DUCK_POND = "cache_classes.MasterDuckPond";

  private CacheClasses() {}

  /**
   * The master: sent once per connection, then every change is announced to each observer. Its
   * methods may run on the caller's thread and on each connection's event loop: thread-safe.
   */
  public static final class MasterDuckPond implements Cacheable {
    private final List<RemoteCacheObserver> observers = new CopyOnWriteArrayList<>();
    private final List<String> ducks; // guarded by this
    private final PrintStream out;

    public MasterDuckPond(List<String> ducks, PrintStream out) {
      this.ducks = new ArrayList<>(ducks);
      this.out = out;
    }

    public synchronized void count() {
      out.println("I have [" + ducks.size() + "] ducks");
    }

    public synchronized void addDuck(String duck) {
      ducks.add(duck);
      for (RemoteCacheObserver o : observers) {
        o.callRemote("addDuck", duck);
      }
    }

    public synchronized void removeDuck(String duck) {
      ducks.remove(duck);
      for (RemoteCacheObserver o : observers) {
        o.callRemote("removeDuck", duck);
      }
    }

    /** The observers of the copies now held by peers. */
    public List<RemoteCacheObserver> observers() {
      return List.copyOf(observers);
    }

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return MASTER_DUCK_POND;
    }

    /** Registers the observer and takes the state in one step, so no change falls between. */
    @Override
    public synchronized Object getStateToCacheAndObserveFor(Object perspective, RemoteCacheObserver observer) {
      observers.add(observer);
      // you should ignore Cacheable-specific state, like observers
      return List.copyOf(ducks); // in this case, just a list of ducks
    }

    @Override
    public void stoppedObserving(Object perspective, RemoteCacheObserver observer) {
      observers.remove(observer);
      out.println("stopped observing");
    }
  }

  /** This is a cache of a remote MasterDuckPond. Runs on its connection's event loop. */
  public static final class SlaveDuckPond extends RemoteCache {
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

    public void observe_addDuck(String newDuck) {
      out.println(" cache - addDuck");
      cacheducks.add(newDuck);
    }

    public void observe_removeDuck(String deadDuck) {
      out.println(" cache - removeDuck");
      cacheducks.remove(deadDuck);
    }
  }
}
