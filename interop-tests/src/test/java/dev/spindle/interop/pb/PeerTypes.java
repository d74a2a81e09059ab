package dev.spindle.interop.pb;

import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.Copyable;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.pb.flavors.Viewable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.util.StringPager;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The Java twins of pb_peer.py's classes, and the registry that lets their copies in. */
final class PeerTypes {
  private PeerTypes() {}

  /** {@code spindle.interop.Point}: a Copyable both ways. */
  static final class Point implements Copyable {
    final long x;
    final long y;

    Point(long x, long y) {
      this.x = x;
      this.y = y;
    }

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "spindle.interop.Point";
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      return state(this);
    }

    static Map<String, Object> state(Point p) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("x", p.x);
      m.put("y", p.y);
      return m;
    }
  }

  /** {@code spindle.interop.PeerError}: an error that is Copyable, sent as itself. */
  static final class PeerError extends PbError implements Copyable {
    private static final long serialVersionUID = 1L;
    final long code;

    PeerError(long code) {
      super("peer error " + code);
      this.code = code;
    }

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "spindle.interop.PeerError";
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      return Map.of("code", code);
    }
  }

  /** {@code spindle.interop.Counter}: a Cacheable whose observers get {@code setValue}. */
  static final class Counter implements Cacheable {
    private final List<RemoteCacheObserver> observers = new ArrayList<>();
    private long value;
    private int stopped;

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "spindle.interop.Counter";
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      return Map.of("value", value);
    }

    @Override
    public synchronized Object getStateToCacheAndObserveFor(
        Object perspective, RemoteCacheObserver observer) {
      observers.add(observer);
      return Map.of("value", value);
    }

    @Override
    public synchronized void stoppedObserving(Object perspective, RemoteCacheObserver observer) {
      stopped++;
      observers.remove(observer);
    }

    synchronized long increment() {
      value++;
      for (RemoteCacheObserver o : observers) {
        o.callRemote("setValue", value);
      }
      return value;
    }

    synchronized int stopped() {
      return stopped;
    }
  }

  /** The receiving side of {@code spindle.interop.Counter}. */
  static final class RemoteCounter extends RemoteCache {
    volatile long value = -1;

    @Override
    public void setCopyableState(Map<String, Object> state) {
      value = ((Number) state.get("value")).longValue();
    }

    public void observe_setValue(long value) {
      this.value = value;
    }
  }

  /** pb_peer.py's Child. */
  static final class Child implements Referenceable {
    public List<Object> remote_ping(Object x) {
      return List.of(dev.spindle.pb.jelly.ByteString.ascii("pong"), x);
    }
  }

  /** pb_peer.py's PeerViewable. */
  static final class PeerViewable implements Viewable {
    public List<Object> view_whoSees(Object perspective, Object arg) {
      return List.of(perspective == null, arg);
    }
  }

  /** The client-side callback pb_peer.py's root calls. */
  static class Callback implements Referenceable {
    public long remote_called(long value) {
      return value * 2;
    }

    public void remote_fail(String message) {
      throw new IllegalArgumentException(message);
    }

    public void remote_getPages(RemoteReference collector, long size) {
      new StringPager(collector, pagedData(size));
      collector.release(); // the pager holds its own handle
    }
  }

  /** The bytes pb_peer.py pages: {@code size} bytes where byte i is {@code i % 251}. */
  static byte[] pagedData(long size) {
    byte[] b = new byte[Math.toIntExact(size)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i % 251);
    }
    return b;
  }

  /** {@code [total length, sha1 hex]} of the pages, as pb_peer.py's fetchPages answers. */
  static List<Object> lengthAndSha1(List<Object> pages) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long total = 0;
    for (Object page : pages) {
      byte[] b = ((ByteString) page).toByteArray();
      total += b.length;
      sha1.update(b);
    }
    return List.of(total, HexFormat.of().formatHex(sha1.digest()));
  }

  /** What a RemotePbException's type names reduce to for trapFailure. */
  static String trapped(Throwable t) {
    if (t instanceof RemotePbException) {
      RemotePbException e = (RemotePbException) t;
      if (e.check("builtins.ValueError")) {
        return "ValueError";
      }
      return "untrapped " + e.typeName();
    }
    return "not a remote failure: " + t;
  }

  static JellyRegistry registry() {
    return JellyRegistry.builder()
        .register(
            "spindle.interop.Point",
            Point.class,
            Point::state,
            s -> new Point(((Number) s.get("x")).longValue(), ((Number) s.get("y")).longValue()))
        .build();
  }

  static CompletionStage<Object> callMeBack(RemoteReference ref, long value) {
    return ref.callRemote("called", value);
  }
}
