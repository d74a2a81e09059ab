package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.locator.BlockingResponder;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.transport.BlockingExecutor;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.CallRejectedException;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Blocking responders on an executor, its bound, and interceptor chains, over TCP on 127.0.0.1. */
@LeakChecked
class BlockingAndInterceptorsTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(15, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> f.get(15, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void blockingRespondersRunOffTheLoopAndOverflowIsAnErrorCodeWithTheConnectionKept() {
    assertTimeoutPreemptively(LIMIT, () -> {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch bothRunning = new CountDownLatch(2);
      List<String> threads = new CopyOnWriteArrayList<>();
      BoxResponder slow = BlockingResponder.of(box -> {
        threads.add(Thread.currentThread().getName());
        bothRunning.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return CompletableFuture.completedFuture(new AmpBox().putString("r", "slow"));
      });
      BoxResponder fast = box -> CompletableFuture.completedFuture(new AmpBox().putString("r", "fast"));
      CommandLocator locator = name -> switch (name) {
        case "Slow" -> slow;
        case "Fast" -> fast;
        default -> null;
      };
      try (AmpServer server = AmpServer.builder().locator(locator)
              .blockingExecutor(BlockingExecutor.create(pool, 2)).start();
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        CompletableFuture<AmpBox> s1 = c.callRemoteString("Slow", new AmpBox());
        CompletableFuture<AmpBox> s2 = c.callRemoteString("Slow", new AmpBox());
        assertTrue(bothRunning.await(15, TimeUnit.SECONDS));
        // The loop is free: a non-blocking command answers while both blocking ones wait.
        assertEquals("fast", get(c.callRemoteString("Fast", new AmpBox())).getString("r"));
        // The executor holds two calls: a third is refused with OVERLOADED, the connection kept.
        RemoteAmpException e = assertInstanceOf(RemoteAmpException.class,
            failure(c.callRemoteString("Slow", new AmpBox())));
        assertEquals(CallRejectedException.OVERLOADED, e.errorCode());
        assertTrue(e.description().contains("Slow"), e.description());
        assertFalse(s1.isDone());
        release.countDown();
        assertEquals("slow", get(s1).getString("r"));
        assertEquals("slow", get(s2).getString("r"));
        assertTrue(c.isOpen());
        assertEquals("slow", get(c.callRemoteString("Slow", new AmpBox())).getString("r"));
        assertTrue(threads.stream().allMatch(t -> t.startsWith("pool-")), threads.toString());
      } finally {
        pool.shutdownNow();
      }
    });
  }

  @Test
  void interceptorsRunInOrderSeeTheCallAndMayRejectWithACode() {
    assertTimeoutPreemptively(LIMIT, () -> {
      List<String> seen = new CopyOnWriteArrayList<>();
      CommandLocator locator = name -> box -> CompletableFuture.completedFuture(new AmpBox().putString("r", name));
      try (AmpServer server = AmpServer.builder().locator(locator)
              .intercept(
                  (call, next) -> {
                    seen.add("outer " + call.side() + " " + call.method() + " trace=" + call.headers().get("x-trace"));
                    assertNotNull(call.peer());
                    assertInstanceOf(AmpConnection.class, call.protocolConnection());
                    return next.proceed().whenComplete((v, e) -> seen.add("outer done " + call.method()
                        + (e == null ? " ok" : " " + e.getClass().getSimpleName())));
                  },
                  (call, next) -> {
                    seen.add("inner " + call.method());
                    if (call.method().equals("Forbidden")) {
                      throw new CallRejectedException("DENIED", "not for you");
                    }
                    return next.proceed();
                  })
              .start();
          AmpClient client = AmpClient.builder()
              .interceptClientCalls((call, next) -> {
                assertEquals(CallInfo.Side.CLIENT, call.side());
                call.headers().put("x-trace", "t1");
                return next.proceed();
              })
              .build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        assertEquals("Hello", get(c.callRemoteString("Hello", new AmpBox())).getString("r"));
        RemoteAmpException e = assertInstanceOf(RemoteAmpException.class,
            failure(c.callRemoteString("Forbidden", new AmpBox())));
        assertEquals("DENIED", e.errorCode());
        assertEquals("not for you", e.description());
        assertTrue(c.isOpen());
        assertEquals("Hello", get(c.callRemoteString("Hello", new AmpBox())).getString("r"));
        assertEquals(List.of(
            "outer SERVER Hello trace=t1", "inner Hello", "outer done Hello ok",
            "outer SERVER Forbidden trace=t1", "inner Forbidden", "outer done Forbidden CallRejectedException",
            "outer SERVER Hello trace=t1", "inner Hello", "outer done Hello ok"), seen);
      }
    });
  }

  @Test
  void aClientInterceptorMayRefuseACallBeforeItIsSent() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (AmpServer server = AmpServer.builder()
              .locator(name -> box -> CompletableFuture.completedFuture(new AmpBox())).start();
          AmpClient client = AmpClient.builder()
              .interceptClientCalls((call, next) -> {
                throw new IllegalStateException("no " + call.method());
              })
              .build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        Throwable t = failure(c.callRemoteString("Hello", new AmpBox()));
        assertEquals("no Hello", t.getMessage());
        assertEquals(0, c.pendingCallCount());
      }
    });
  }
}
