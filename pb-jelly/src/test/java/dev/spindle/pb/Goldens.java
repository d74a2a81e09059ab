package dev.spindle.pb;

import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.Copyable;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.JellyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Java twins of the {@code goldens.*} classes of {@code shared/vectors/generate.py}, written as a
 * Java user would write them, so that a Java peer can replay the recorded PB sessions.
 */
final class Goldens {
  private Goldens() {}

  /** The registry of the Python copy classes: {@code goldens.CopyPoint}, {@code goldens.GoldenError}. */
  static JellyRegistry registry(boolean withGoldenError) {
    JellyRegistry.Builder b = JellyRegistry.builder()
        .register("goldens.CopyPoint", CopyPoint.class, CopyPoint::state,
            s -> new CopyPoint((Long) s.get("x"), (Long) s.get("y")));
    if (withGoldenError) {
      b.register("goldens.GoldenError", GoldenError.class, GoldenError::state,
          s -> new GoldenError((Long) s.get("code")));
    }
    return b.build();
  }

  /** {@code goldens.CopyPoint(pb.Copyable)}. */
  static final class CopyPoint implements Copyable {
    final long x;
    final long y;

    CopyPoint(long x, long y) {
      this.x = x;
      this.y = y;
    }

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "goldens.CopyPoint";
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      return state();
    }

    Map<String, Object> state() {
      LinkedHashMap<String, Object> s = new LinkedHashMap<>();
      s.put("x", x);
      s.put("y", y);
      return s;
    }
  }

  /** {@code goldens.GoldenError(pb.Error, pb.Copyable)}: sent as itself. */
  static final class GoldenError extends PbError implements Copyable {
    private static final long serialVersionUID = 1L;
    final long code;

    GoldenError(long code) {
      super("golden error " + code);
      this.code = code;
    }

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "goldens.GoldenError";
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      return state();
    }

    Map<String, Object> state() {
      return Map.of("code", code);
    }
  }

  /** {@code goldens.Counter(pb.Cacheable)}. */
  static final class Counter implements Cacheable {
    volatile long value;
    final List<RemoteCacheObserver> observers = new CopyOnWriteArrayList<>();
    volatile int stopped;

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "goldens.Counter";
    }

    @Override
    public Object getStateToCacheAndObserveFor(Object perspective, RemoteCacheObserver observer) {
      observers.add(observer);
      return Map.of("value", value);
    }

    @Override
    public void stoppedObserving(Object perspective, RemoteCacheObserver observer) {
      stopped++;
      observers.remove(observer);
    }

    void increment() {
      value++;
      for (RemoteCacheObserver o : observers) {
        o.callRemote("setValue", value);
      }
    }
  }

  /** {@code goldens.RemoteCounter(pb.RemoteCache)}. */
  static final class RemoteCounter extends RemoteCache {
    volatile long value;

    @Override
    protected void setCopyableState(Map<String, Object> state) {
      value = (Long) state.get("value");
    }

    public void observe_setValue(long value) {
      this.value = value;
    }
  }

  /** {@code goldens.Child(pb.Referenceable)}. */
  public static final class Child implements Referenceable {
    public List<Object> remote_ping(Object x) {
      return List.of(ByteString.ascii("pong"), x);
    }
  }

  /** {@code goldens.ClientCallback(pb.Referenceable)}. */
  public static final class ClientCallback implements Referenceable {
    public long remote_called(long value) {
      return value * 2;
    }
  }

  /** {@code goldens.GoldenRoot(pb.Root)}. */
  public static final class GoldenRoot implements Root {
    final Child child = new Child();
    final Counter counter = new Counter();
    final List<Object> recorded = new CopyOnWriteArrayList<>();

    /**
     * Returns its argument. Python's reference counting drops the argument's RemoteReferences as
     * the method returns, before the answer is written (PB.md §5.1); the twin releases them
     * explicitly at the same point.
     */
    public Object remote_echo(Object value) {
      releaseReferences(value);
      return value;
    }

    public long remote_add(long a, long b) {
      return a + b;
    }

    public void remote_record(Object value) {
      recorded.add(value);
    }

    public Object remote_fail(String message) {
      throw new IllegalArgumentException(message); // Python's ValueError
    }

    public Object remote_failPB(String message) {
      throw new PbError(message);
    }

    public CompletableFuture<Object> remote_failLater() {
      return CompletableFuture.failedFuture(new NoSuchElementException("missing")); // KeyError
    }

    public Object remote_failCopyable() {
      throw new GoldenError(42);
    }

    public Child remote_getChild() {
      return child;
    }

    public boolean remote_isChild(Object obj) {
      return obj == child;
    }

    /** Python drops {@code ref} when the method returns its Deferred: so does the twin. */
    public CompletableFuture<Object> remote_callMeBack(RemoteReference ref, long value) {
      CompletableFuture<Object> answer = ref.callRemote("called", value);
      ref.release();
      return answer;
    }

    public CopyPoint remote_getPoint() {
      return new CopyPoint(1, 2);
    }

    public long remote_sumPoint(CopyPoint point) {
      return point.x + point.y;
    }

    public Counter remote_getCounter() {
      return counter;
    }

    public long remote_increment() {
      counter.increment();
      return counter.value;
    }

    public boolean remote_isCounter(Object c) {
      return c == counter;
    }

    private static void releaseReferences(Object value) {
      if (value instanceof RemoteReference r) {
        r.release();
      } else if (value instanceof Iterable<?> items) {
        List<Object> copy = new ArrayList<>();
        items.forEach(copy::add);
        for (Object item : copy) {
          releaseReferences(item);
        }
      }
    }
  }
}
