package dev.spindle.pb;

import static dev.spindle.pb.Msg.a;
import static dev.spindle.pb.Msg.dict;
import static dev.spindle.pb.Msg.i;
import static dev.spindle.pb.Msg.l;
import static dev.spindle.pb.Msg.tuple;
import static dev.spindle.pb.Msg.u;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.KeywordOnly;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.typed.RemoteInterface;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The owner's calls on a RemoteCache: with keywords and without an answer, and the classes whose
 * {@code observe_} methods cannot be found (a remote interface without its generated skeleton,
 * two remote interfaces, a remote interface beside {@code observe_} methods). The typed dispatch
 * itself is tested where the processor runs, in interop-tests ({@code TypedCacheTest}).
 */
@LeakChecked
class ObservedCacheTest {
  /** A Cacheable that keeps its one observer. */
  static final class Tally implements Cacheable {
    volatile RemoteCacheObserver observer;

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "tests.Tally";
    }

    @Override
    public Object getStateToCacheAndObserveFor(Object perspective, RemoteCacheObserver observer) {
      this.observer = observer;
      return 0L;
    }
  }

  /** The root handing out the tally. */
  public static final class TallyRoot implements Root {
    final Tally tally = new Tally();

    public Object remote_getTally() {
      return tally;
    }
  }

  /** A reflective copy: {@code observe_} methods. */
  public static final class TallyCopy extends RemoteCache {
    volatile long value;

    @Override
    protected void setCopyableState(Object state) {
      value = (Long) state;
    }

    public long observe_add(long a, @KeywordOnly @Default("1") long b) {
      value += a + b;
      return value;
    }

    public void observe_set(long v) {
      value = v;
    }
  }

  /** No skeleton is generated here: the processor does not run on pb-jelly's tests. */
  @RemoteInterface
  public interface Settable {
    void set(long v);
  }

  /** Another. */
  @RemoteInterface
  public interface Resettable {
    void reset();
  }

  public static final class Orphan extends RemoteCache implements Settable {
    @Override
    protected void setCopyableState(Object state) {}

    @Override
    public void set(long v) {}
  }

  public static final class Both extends RemoteCache implements Settable, Resettable {
    @Override
    protected void setCopyableState(Object state) {}

    @Override
    public void set(long v) {}

    @Override
    public void reset() {}
  }

  public static final class Mixed extends RemoteCache implements Settable {
    @Override
    protected void setCopyableState(Object state) {}

    @Override
    public void set(long v) {}

    public void observe_reset() {}
  }

  private static EmbeddedPair pair(TallyRoot root, Supplier<? extends RemoteCache> copies) {
    return new EmbeddedPair(root, PbServer.builder(),
        PbClient.builder().remoteCache("tests.Tally", copies));
  }

  private static <T> T call(EmbeddedPair pair, CompletableFuture<T> f) {
    pair.pump();
    return f.join();
  }

  @Test
  void theOwnerCallsWithKeywordsAndWithoutAnswer() {
    TallyRoot root = new TallyRoot();
    try (EmbeddedPair pair = pair(root, TallyCopy::new)) {
      TallyCopy copy = (TallyCopy) call(pair, pair.root().callRemote("getTally"));
      RemoteCacheObserver observer = root.tally.observer;
      assertEquals(3L, call(pair, observer.callRemoteWithKeywords("add", List.of(1L),
          Map.of("b", 2L))));
      assertEquals(5L, call(pair, observer.callRemote("add", 1L)), "b's default");
      assertNull(call(pair, observer.callRemoteNoAnswer("set", 7L)), "written: no answer comes");
      assertEquals(7L, copy.value);
      assertNull(call(pair, observer.callRemoteNoAnswerWithKeywords("add", List.of(1L),
          Map.of("b", 1L))));
      assertEquals(9L, copy.value);
      RemotePbException e = remoteFailure(pair, observer.callRemoteWithKeywords("add", List.of(),
          Map.of("c", 1L)));
      assertEquals("builtins.TypeError", e.typeName());
      assertEquals("ObservedCacheTest.TallyCopy.observe_add() got an unexpected keyword argument"
          + " 'c'", e.value());
    }
  }

  @Test
  void theOwnersCallsAreCacheMessagesNamedWithoutPrefix() {
    // Twisted's RemoteCacheObserver.callRemote: broker._sendMessage(b"cache", perspective,
    // cacheID, _name, args, kw), answerRequired 0 for pbanswer=False; the copy adds observe_
    TallyRoot root = new TallyRoot();
    try (EmbeddedPb server = EmbeddedPb.server(root, PbServer.builder())) {
      server.next(); // the dialect offer
      server.feed("02827062" + "028013870681"); // pb, version 6
      server.next(); // the version
      server.feed(Msg.callRoot(1, "getTally"));
      Sexp.SList answer = (Sexp.SList) server.nextSexp();
      // ["answer", 1, ["tests.Tally", luid, 0]]
      Sexp.SList cache = (Sexp.SList) answer.get(2);
      assertEquals(a("tests.Tally"), cache.get(0));
      Sexp luid = cache.get(1);
      RemoteCacheObserver observer = root.tally.observer;

      observer.callRemote("add", 1L);
      assertEquals(l(a("cachemessage"), i(1), luid, a("add"), i(1), tuple(i(1)), dict()),
          server.nextSexp());
      observer.callRemoteNoAnswer("set", 7L);
      assertEquals(l(a("cachemessage"), i(2), luid, a("set"), i(0), tuple(i(7)), dict()),
          server.nextSexp());
      observer.callRemoteWithKeywords("add", List.of(), Map.of("b", 2L));
      assertEquals(l(a("cachemessage"), i(3), luid, a("add"), i(1), tuple(),
          l(a("dictionary"), l(u("b"), i(2)))), server.nextSexp());
    }
  }

  @Test
  void aRemoteInterfaceWithoutItsGeneratedSkeletonIsReported() {
    assertEquals("no generated skeleton for the remote interface " + Settable.class.getName()
        + " of " + Orphan.class.getName() + " (expected: " + Settable.class.getName()
        + "_PbSkeleton; is spindle-codegen on the annotation processor path?)",
        observeFailure(Orphan::new).value());
  }

  @Test
  void twoRemoteInterfacesAreReported() {
    assertEquals(Both.class.getName() + " implements the remote interfaces "
        + Resettable.class.getName() + " and " + Settable.class.getName()
        + " (expected: one, which may extend the others, for its observe_ methods)",
        observeFailure(Both::new).value());
  }

  @Test
  void aRemoteInterfaceBesideObserveMethodsIsReported() {
    assertEquals(Mixed.class.getName() + " implements the remote interface "
        + Settable.class.getName() + " and declares observe_ (or @Remote) methods of its own"
        + " (expected: one or the other)", observeFailure(Mixed::new).value());
  }

  /** The failure of {@code set(1)} on a copy made by {@code copies}. */
  private static RemotePbException observeFailure(Supplier<? extends RemoteCache> copies) {
    TallyRoot root = new TallyRoot();
    try (EmbeddedPair pair = pair(root, copies)) {
      call(pair, pair.root().callRemote("getTally"));
      return remoteFailure(pair, root.tally.observer.callRemote("set", 1L));
    }
  }

  private static RemotePbException remoteFailure(EmbeddedPair pair, CompletableFuture<?> f) {
    pair.pump();
    CompletionException e = assertThrows(CompletionException.class, f::join);
    return assertInstanceOf(RemotePbException.class, e.getCause());
  }
}
