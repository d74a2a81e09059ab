package dev.spindle.interop.pb;

import dev.spindle.interop.pb.PeerTypes.Child;
import dev.spindle.interop.pb.PeerTypes.Counter;
import dev.spindle.interop.pb.PeerTypes.PeerError;
import dev.spindle.interop.pb.PeerTypes.PeerViewable;
import dev.spindle.interop.pb.PeerTypes.Point;
import dev.spindle.pb.PbConnection;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.flavors.PeerConnection;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.util.Pagers;
import dev.spindle.pb.util.StringPager;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The Java twin of pb_peer.py's PeerRoot: one per connection, the same answers. */
public class PeerRoot implements Root {
  private final PbConnection connection;
  private final Child child = new Child();
  private final Counter counter = new Counter();
  private final PeerViewable viewable = new PeerViewable();
  private volatile Object recorded;

  PeerRoot() {
    this(null);
  }

  private PeerRoot(PbConnection connection) {
    this.connection = connection;
  }

  @Override
  public Object rootObject(PeerConnection connection) {
    return new PeerRoot((PbConnection) connection);
  }

  public Object remote_echo(Object value) {
    return value;
  }

  public long remote_add(long a, long b) {
    return a + b;
  }

  public void remote_fail(String message) {
    throw new IllegalArgumentException(message);
  }

  public void remote_failPB(String message) {
    throw new PbError(message);
  }

  public void remote_failCopyable(long code) {
    throw new PeerError(code);
  }

  public Child remote_getChild() {
    return child;
  }

  public Child remote_newChild() {
    return new Child();
  }

  public boolean remote_isChild(Object obj) {
    return obj == child;
  }

  public CompletionStage<Object> remote_callMeBack(RemoteReference ref, long value) {
    return ref.callRemote("called", value);
  }

  public Point remote_getPoint(long x, long y) {
    return new Point(x, y);
  }

  public long remote_sumPoint(Point point) {
    return point.x + point.y;
  }

  public Counter remote_getCounter() {
    return counter;
  }

  public long remote_increment() {
    return counter.increment();
  }

  public long remote_stoppedCount() {
    return counter.stopped();
  }

  public long remote_exportedCount() {
    return connection.exportedObjectCount() - 1;
  }

  public void remote_record(Object value) {
    recorded = value;
  }

  public Object remote_lastRecorded() {
    return recorded;
  }

  public PeerViewable remote_getViewable() {
    return viewable;
  }

  public CompletionStage<String> remote_trapFailure(RemoteReference ref) {
    return ref.callRemote("fail", "boom")
        .handle((r, t) -> t == null ? "no failure: " + r : PeerTypes.trapped(unwrap(t)));
  }

  public void remote_getPages(RemoteReference collector, long size) {
    new StringPager(collector, PeerTypes.pagedData(size));
    collector.release(); // the pager holds its own handle
  }

  public CompletionStage<List<Object>> remote_fetchPages(RemoteReference ref, long size) {
    return Pagers.getAllPages(ref, "getPages", size)
        .whenComplete((pages, e) -> ref.release())
        .thenApply(PeerTypes::lengthAndSha1);
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof java.util.concurrent.CompletionException && t.getCause() != null
        ? t.getCause()
        : t;
  }
}
