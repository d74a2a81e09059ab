package dev.spindle.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.transport.BlockingExecutor;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.CallInterceptor;
import dev.spindle.transport.CallRejectedException;
import dev.spindle.transport.ConnectionInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The interceptor chain and the blocking executor's bound, without a connection. */
class CallHooksTest {
  private static final CallInfo CALL = new CallInfo(CallInfo.AMP, CallInfo.Side.SERVER, "amp", "Sum",
      null, null, new ConnectionInfo(CallInfo.AMP, true, new InetSocketAddress("127.0.0.1", 1)), null, null);

  private static CallHooks server(CallInterceptor... chain) {
    return new CallHooks(null, false, List.of(chain), List.of(), List.of(), false, false);
  }

  private static Throwable failure(CompletionStage<?> s) {
    return assertThrows(ExecutionException.class,
        () -> s.toCompletableFuture().get(5, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void theChainRunsInOrderAroundTheCall() throws Exception {
    List<String> seen = new ArrayList<>();
    CallHooks hooks = server(
        (call, next) -> {
          seen.add("a in");
          return next.proceed().thenApply(v -> "a(" + v + ")");
        },
        (call, next) -> {
          seen.add("b in " + call.method());
          return next.proceed().thenApply(v -> "b(" + v + ")");
        });
    CompletionStage<?> s = hooks.interceptServer(CALL, () -> {
      seen.add("call");
      return CompletableFuture.completedFuture("r");
    });
    assertEquals("a(b(r))", s.toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(List.of("a in", "b in Sum", "call"), seen);
  }

  @Test
  void aThrowingInterceptorOrANullStageFailsTheCallWithoutRunningIt() {
    AtomicInteger ran = new AtomicInteger();
    CallHooks refusing = server((call, next) -> {
      throw new CallRejectedException("NO", "refused");
    });
    Throwable t = failure(refusing.interceptServer(CALL, () -> {
      ran.incrementAndGet();
      return CompletableFuture.completedFuture(1);
    }));
    assertEquals("NO", assertInstanceOf(CallRejectedException.class, t).errorCode());
    CallHooks nulls = server((call, next) -> null);
    assertInstanceOf(NullPointerException.class, failure(nulls.interceptServer(CALL, () -> {
      ran.incrementAndGet();
      return CompletableFuture.completedFuture(1);
    })));
    assertEquals(0, ran.get());
  }

  @Test
  void proceedingTwiceFailsTheSecondTime() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    CallHooks twice = server((call, next) -> {
      next.proceed();
      return next.proceed();
    });
    Throwable t = failure(twice.interceptServer(CALL, () -> {
      ran.incrementAndGet();
      return CompletableFuture.completedFuture(1);
    }));
    assertInstanceOf(IllegalStateException.class, t);
    assertEquals(1, ran.get());
  }

  @Test
  void theExecutorHoldsAtMostItsBoundAndRefusesTheRestAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      BlockingExecutor executor = BlockingExecutor.create(pool, 2);
      CallHooks hooks = new CallHooks(executor, false, List.of(), List.of(), List.of(), false, false);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> a = hooks.runBlocking(() -> release.await(5, TimeUnit.SECONDS), "a");
      CompletableFuture<Object> b = hooks.runBlocking(() -> release.await(5, TimeUnit.SECONDS), "b");
      CompletableFuture<Object> c = hooks.runBlocking(() -> "never", "c");
      CallRejectedException e = assertInstanceOf(CallRejectedException.class, failure(c));
      assertEquals(CallRejectedException.OVERLOADED, e.errorCode());
      assertTrue(e.getMessage().endsWith("c not run"), e.getMessage());
      assertEquals(2, executor.calls());
      assertFalse(a.isDone());
      release.countDown();
      assertEquals(true, a.get(5, TimeUnit.SECONDS));
      assertEquals(true, b.get(5, TimeUnit.SECONDS));
      // A returned stage is flattened; a thrown exception fails the call; the slots come back.
      assertEquals("x", hooks.runBlocking(() -> CompletableFuture.completedFuture("x"), "d").get(5, TimeUnit.SECONDS));
      assertInstanceOf(IllegalStateException.class, failure(hooks.runBlocking(() -> {
        throw new IllegalStateException("boom");
      }, "e")));
      assertEquals(0, executor.calls());
    } finally {
      pool.shutdownNow();
    }
  }
}
