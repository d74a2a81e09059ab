package dev.spindle.interop.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.testing.LeakChecked;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Typed {@code observe_}, Java to Java over TCP on 127.0.0.1: the owner of a Cacheable calls the
 * peer's copy through {@code ShapesRoot_PbStub.observer}, and the copy, a RemoteCache
 * implementing {@link ShapesRoot}, is dispatched by {@code ShapesRoot_PbSkeleton} with every
 * parameter shape; untyped observer calls get CPython's TypeError texts with the {@code observe_}
 * prefix; answers that do not fit the declared type fail the call.
 */
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TypedCacheTest {
  private static final String TYPE = "tests.Shapes";

  /** The owner: a Cacheable that is a ShapesRoot itself, keeping a typed stub per copy. */
  static final class Master implements Cacheable, ShapesRoot {
    final CompletableFuture<ShapesRoot_PbStub.Observer> observer = new CompletableFuture<>();
    final CompletableFuture<RemoteCacheObserver> stopped = new CompletableFuture<>();

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return TYPE;
    }

    @Override
    public Object getStateToCacheAndObserveFor(Object perspective, RemoteCacheObserver o) {
      observer.complete(ShapesRoot_PbStub.observer(o));
      return "state";
    }

    @Override
    public void stoppedObserving(Object perspective, RemoteCacheObserver o) {
      stopped.complete(o);
    }

    // its own methods run locally; the copy's run as observe_
    @Override
    public CompletableFuture<Long> increment(long by) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<List<Object>> kwargs(List<Object> args, Map<String, Object> kw) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<List<Object>> shapes(Object a, Object b, List<Object> rest, Object k,
        Object j, Map<String, Object> kw) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Object> ko(Object k) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Long> sum(long... numbers) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<List<Object>> two(Object a, Object b, Object c) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletionStage<String> greet(String name, boolean loud, String punct) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Object> getLook() {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }
  }

  /** The copy: ShapesRoot's methods are its observe_ methods, answered as TypedShapes does. */
  public static final class Copy extends RemoteCache implements ShapesRoot {
    private final TypedShapes shapes = new TypedShapes();
    volatile Object state;

    @Override
    protected void setCopyableState(Object state) {
      this.state = state;
    }

    @Override
    public CompletableFuture<Long> increment(long by) {
      return shapes.increment(by);
    }

    @Override
    public CompletableFuture<List<Object>> kwargs(List<Object> args, Map<String, Object> kw) {
      return shapes.kwargs(args, kw);
    }

    @Override
    public CompletableFuture<List<Object>> shapes(Object a, Object b, List<Object> rest, Object k,
        Object j, Map<String, Object> kw) {
      return shapes.shapes(a, b, rest, k, j, kw);
    }

    @Override
    public CompletableFuture<Object> ko(Object k) {
      return shapes.ko(k);
    }

    @Override
    public CompletableFuture<Long> sum(long... numbers) {
      return shapes.sum(numbers);
    }

    @Override
    public CompletableFuture<List<Object>> two(Object a, Object b, Object c) {
      return shapes.two(a, b, c);
    }

    @Override
    public CompletionStage<String> greet(String name, boolean loud, String punct) {
      return shapes.greet(name, loud, punct);
    }

    @Override
    public CompletableFuture<Object> getLook() {
      return shapes.getLook();
    }
  }

  private static <T> T await(CompletionStage<T> f) throws Exception {
    return f.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static RemotePbException remoteFailure(CompletableFuture<?> call) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(20, TimeUnit.SECONDS));
    return assertInstanceOf(RemotePbException.class, e.getCause());
  }

  private static String typeError(CompletableFuture<?> call) {
    RemotePbException remote = remoteFailure(call);
    assertEquals("builtins.TypeError", remote.typeName(), remote.toString());
    return remote.value();
  }

  /** A server whose CacheHost hands out {@code master}. */
  private static PbServer host(Master master) {
    return PbServer.builder().bind("127.0.0.1", 0)
        .root(CacheHost_PbSkeleton.of(() -> CompletableFuture.completedFuture(master))).start();
  }

  private static PbClient client() {
    return PbClient.builder().remoteCache(TYPE, Copy::new).build();
  }

  @Test
  void observerStubCallsTheCopysSkeletonWithEveryShape() throws Exception {
    Master master = new Master();
    try (PbServer server = host(master); PbClient client = client()) {
      CacheHost host = CacheHost_PbStub.of(await(client.getRootObject("127.0.0.1", server.port())));
      // the result typed ShapesRoot: a Cacheable travels as a cache, the copy implements it
      Copy copy = assertInstanceOf(Copy.class, await(host.shapes()));
      assertEquals("state", copy.state);
      assertSame(copy, await(host.shapes()), "['cached', luid]: the same copy");

      ShapesRoot shapes = await(master.observer);
      assertEquals(6L, await(shapes.increment(5)));
      assertEquals(List.of(List.of(1L, "two"), Map.of("z", 3L)),
          await(shapes.kwargs(List.of(1L, "two"), Map.of("z", 3L))));
      assertEquals(Arrays.asList(1L, 2L, List.of(3L, 4L), "K", "y", Map.of("z", 5L)),
          await(shapes.shapes(1L, 2L, List.of(3L, 4L), "K", "y", Map.of("z", 5L))));
      assertEquals(3L, await(shapes.ko(3L)));
      assertEquals(6L, await(shapes.sum(1, 2, 3)));
      assertEquals(0L, await(shapes.sum()));
      assertEquals(Arrays.asList(1L, null, "c"), await(shapes.two(1L, null, "c")));
      assertEquals("HELLO ANN!", await(shapes.greet("ann", true, "!")));
      assertEquals("hello guest", await(shapes.greet("guest", false, null)));

      copy.release();
      copy.release();
      assertSame(((ShapesRoot_PbStub.Observer) shapes).observer(), await(master.stopped));
    }
  }

  @Test
  void untypedObserverCallsBindAsPythonWithObservePrefix() throws Exception {
    Master master = new Master();
    try (PbServer server = host(master); PbClient client = client()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      await(CacheHost_PbStub.of(root).shapes());
      RemoteCacheObserver observer = await(master.observer).observer();
      assertEquals(2L, await(observer.callRemote("increment")));
      assertEquals(4L, await(observer.callRemoteWithKeywords("increment", List.of(),
          Map.of("by", 3L))));
      assertEquals("hello guest!", await(observer.callRemoteWithKeywords("greet", List.of(),
          Map.of("punct", "!"))));
      assertEquals("ShapesRoot.observe_increment() takes from 1 to 2 positional arguments but 3"
          + " were given", typeError(observer.callRemote("increment", 1L, 2L)));
      assertEquals("ShapesRoot.observe_two() missing 3 required positional arguments: 'a', 'b',"
          + " and 'c'", typeError(observer.callRemote("two")));
      assertEquals("ShapesRoot.observe_ko() missing 1 required keyword-only argument: 'k'",
          typeError(observer.callRemote("ko")));
      assertEquals("ShapesRoot.observe_sum() got an unexpected keyword argument 'numbers'",
          typeError(observer.callRemoteWithKeywords("sum", List.of(), Map.of("numbers", 1L))));
      assertEquals("ShapesRoot.observe_increment() argument 'by': expected long, got str 'x'",
          typeError(observer.callRemote("increment", "x")));
      assertEquals("No such method: observe_frobnicate",
          remoteFailure(observer.callRemote("frobnicate")).value());
    }
  }

  @Test
  void anAnswerOutOfRangeFailsTheObserverCall() throws Exception {
    Master master = new Master();
    try (PbServer server = host(master); PbClient client = client()) {
      await(CacheHost_PbStub.of(await(client.getRootObject("127.0.0.1", server.port()))).shapes());
      Narrow narrow = Narrow_PbStub.observer(await(master.observer).observer());
      assertEquals((byte) 100, await(narrow.incrementByte(99)));
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> narrow.incrementByte(200).get(20, TimeUnit.SECONDS));
      PbArgumentException wrong = assertInstanceOf(PbArgumentException.class, e.getCause());
      assertEquals("result of Narrow.incrementByte: value 201 out of range for Byte (expected:"
          + " -128..127)", wrong.getMessage());
    }
  }
}
