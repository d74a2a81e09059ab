package dev.spindle.pb;

import static dev.spindle.pb.Msg.a;
import static dev.spindle.pb.Msg.i;
import static dev.spindle.pb.Msg.l;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.jelly.JellyException;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Cacheable and RemoteCache between two Java peers: copies, updates, release, stoppedObserving. */
@LeakChecked
class CacheTest {
  /** The golden root plus a message holding the counter twice. */
  public static final class CacheRoot implements Root {
    final Goldens.Counter counter = new Goldens.Counter();

    public Object remote_getCounter() {
      return counter;
    }

    public Object remote_counterTwice() {
      return List.of(counter, counter);
    }

    public long remote_increment() {
      counter.increment();
      return counter.value;
    }

    public boolean remote_isCounter(Object c) {
      return c == counter;
    }
  }

  private static EmbeddedPair pair(CacheRoot root) {
    return new EmbeddedPair(root, PbServer.builder(),
        PbClient.builder().remoteCache("goldens.Counter", Goldens.RemoteCounter::new));
  }

  private static Object call(EmbeddedPair pair, CompletableFuture<?> f) {
    pair.pump();
    return f.join();
  }

  @Test
  void updatesReachTheCopyAndTheLastReleaseStopsObserving() {
    CacheRoot root = new CacheRoot();
    try (EmbeddedPair pair = pair(root)) {
      RemoteReference ref = pair.root();
      Goldens.RemoteCounter copy = (Goldens.RemoteCounter) call(pair, ref.callRemote("getCounter"));
      assertEquals(0, copy.value);
      assertEquals(1, root.counter.observers.size());
      RemoteCacheObserver observer = root.counter.observers.get(0);
      assertTrue(observer.isObserving());
      assertEquals(1L, call(pair, ref.callRemote("increment")));
      assertEquals(1, copy.value);
      CompletableFuture<Object> direct = observer.callRemote("setValue", 41);
      assertEquals(null, call(pair, direct), "observe_ methods answer None");
      assertEquals(41, copy.value);
      assertSame(copy, call(pair, ref.callRemote("getCounter")), "['cached', luid]: the same instance");
      assertEquals(2, copy.copies());
      assertEquals(true, call(pair, ref.callRemote("isCounter", copy)), "['lcache', luid]: the original");
      copy.release();
      pair.pump();
      assertEquals(0, root.counter.stopped);
      copy.release();
      pair.pump();
      assertEquals(1, root.counter.stopped);
      assertTrue(root.counter.observers.isEmpty(), "stoppedObserving got the same observer");
      assertFalse(observer.isObserving());
      CompletionException e = assertThrows(CompletionException.class, () -> observer.callRemote("setValue", 1).join());
      assertInstanceOf(DeadReferenceException.class, e.getCause());
      assertEquals(0, pair.server.connection.broker().remotelyCachedCount());
      // Sent again after uncache: a new luid and full state.
      Goldens.RemoteCounter again = (Goldens.RemoteCounter) call(pair, ref.callRemote("getCounter"));
      assertNotSame(copy, again);
      assertEquals(1, again.value, "the owner's state");
    }
  }

  @Test
  void theSameCacheableTwiceInOneMessageIsOneCopy() {
    CacheRoot root = new CacheRoot();
    try (EmbeddedPair pair = pair(root)) {
      CompletableFuture<Object> f = pair.root().callRemote("counterTwice");
      pair.pump();
      List<?> two = (List<?>) f.join();
      assertSame(two.get(0), two.get(1), "reference/dereference");
      Goldens.RemoteCounter copy = (Goldens.RemoteCounter) two.get(0);
      assertEquals(1, copy.copies());
      copy.release();
      pair.pump();
      assertEquals(1, root.counter.stopped);
    }
  }

  @Test
  void connectionLossStopsObserving() {
    CacheRoot root = new CacheRoot();
    try (EmbeddedPair pair = pair(root)) {
      call(pair, pair.root().callRemote("getCounter"));
      pair.client.connection.close();
      pair.pump();
      assertEquals(1, root.counter.stopped);
      assertTrue(root.counter.observers.isEmpty());
    }
  }

  @Test
  void eachConnectionObservesItsOwnCopy() {
    CacheRoot root = new CacheRoot();
    try (EmbeddedPair one = pair(root); EmbeddedPair two = pair(root)) {
      Goldens.RemoteCounter c1 = (Goldens.RemoteCounter) call(one, one.root().callRemote("getCounter"));
      Goldens.RemoteCounter c2 = (Goldens.RemoteCounter) call(two, two.root().callRemote("getCounter"));
      assertEquals(2, root.counter.observers.size());
      call(one, one.root().callRemote("increment"));
      two.pump();
      assertEquals(1, c1.value);
      assertEquals(1, c2.value);
      c1.release();
      one.pump();
      assertEquals(1, root.counter.observers.size());
    }
  }

  @Test
  void aCacheMessageForAnUnknownCacheIsAKeyErrorReply() {
    try (EmbeddedPb client = EmbeddedPb.client(PbClient.builder())) {
      List<Transcripts.Message> connect = Transcripts.session("calls").get(0).messages();
      client.feed(connect.get(0).hex());
      client.next();
      client.next();
      client.feed(l(a("cachemessage"), i(1), i(99), a("setValue"), i(1), Msg.tuple(i(1)), Msg.dict()));
      RemotePbException e = Failures.asRemote(client.nextSexp());
      assertEquals("builtins.KeyError", e.typeName());
      assertEquals("99", e.value());
      assertTrue(client.channel.isOpen());
    }
  }

  @Test
  void anUnknownObserveMethodIsNoSuchMethod() {
    CacheRoot root = new CacheRoot();
    try (EmbeddedPair pair = pair(root)) {
      call(pair, pair.root().callRemote("getCounter"));
      CompletableFuture<Object> f = root.counter.observers.get(0).callRemote("frobnicate");
      pair.pump();
      CompletionException e = assertThrows(CompletionException.class, f::join);
      RemotePbException r = assertInstanceOf(RemotePbException.class, e.getCause());
      assertEquals("No such method: observe_frobnicate", r.value());
    }
  }

  @Test
  void aRemoteCacheCannotBeSentToAnotherConnection() {
    CacheRoot root = new CacheRoot();
    try (EmbeddedPair one = pair(root); EmbeddedPair two = pair(root)) {
      Object copy = call(one, one.root().callRemote("getCounter"));
      CompletableFuture<Object> f = two.root().callRemote("isCounter", copy);
      CompletionException e = assertThrows(CompletionException.class, f::join);
      assertInstanceOf(JellyException.class, e.getCause());
      assertEquals(0, two.pump(), "nothing sent");
    }
  }
}
