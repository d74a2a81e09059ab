package dev.spindle.cred.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.LoginDeniedException;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final String PEER = "192.0.2.1";

  private final ManualScheduler scheduler = new ManualScheduler();
  private final AtomicInteger started = new AtomicInteger();

  private LoginThrottle.Builder builder() {
    return LoginThrottle.builder()
        .freeAttempts(3)
        .baseDelay(Duration.ofSeconds(1))
        .maxDelay(Duration.ofSeconds(5))
        .window(Duration.ofMinutes(10))
        .scheduler(scheduler)
        .ticker(scheduler::nanoTime);
  }

  private Supplier<CompletionStage<String>> failing() {
    return () -> {
      started.incrementAndGet();
      return CompletableFuture.failedFuture(new UnauthorizedLoginException());
    };
  }

  private Supplier<CompletionStage<String>> succeeding() {
    return () -> {
      started.incrementAndGet();
      return CompletableFuture.completedFuture("avatar");
    };
  }

  /** The failure of a completed stage, unwrapped as whenComplete sees it. */
  private static Throwable failureOf(CompletionStage<?> stage) {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    stage.whenComplete((v, t) -> seen.set(t));
    return seen.get();
  }

  private static boolean isDone(CompletionStage<?> stage) {
    return stage.toCompletableFuture().isDone();
  }

  /** Fails {@code n} attempts of {@code peer}, waiting out each delayed answer. */
  private void failSerially(LoginThrottle throttle, String peer, int n) {
    for (int i = 0; i < n; i++) {
      CompletionStage<String> s = throttle.attempt(peer, failing());
      while (!isDone(s)) {
        scheduler.advance(Duration.ofMillis(100));
      }
    }
  }

  @Test
  void attemptsWithinTheFreeOnesAreAnsweredAtOnce() {
    LoginThrottle throttle = builder().build();
    for (int i = 0; i < 3; i++) {
      CompletionStage<String> s = throttle.attempt(PEER, failing());
      assertInstanceOf(UnauthorizedLoginException.class, failureOf(s));
    }
    assertEquals(List.of(), scheduler.delays());
    assertEquals(3, throttle.failures(PEER));
  }

  @Test
  void furtherFailuresAreAnsweredAfterDoublingDelaysUpToTheMaximum() {
    LoginThrottle throttle = builder().build();
    failSerially(throttle, PEER, 3);
    List<Duration> expected =
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    for (Duration delay : expected) {
      int before = scheduler.delays().size();
      CompletionStage<String> s = throttle.attempt(PEER, failing());
      assertEquals(1, scheduler.delays().size() - before, "one delayed answer");
      assertEquals(delay, scheduler.delays().get(before));
      assertFalse(isDone(s), "not answered before the delay");
      scheduler.advance(delay.minusNanos(1));
      assertFalse(isDone(s), "not answered before the delay");
      scheduler.advance(Duration.ofNanos(1));
      assertInstanceOf(UnauthorizedLoginException.class, failureOf(s));
    }
    assertEquals(8, started.get(), "every attempt was checked");
  }

  @Test
  void successIsAnsweredAtOnceAndForgetsTheFailures() {
    LoginThrottle throttle = builder().build();
    failSerially(throttle, PEER, 5);
    CompletionStage<String> ok = throttle.attempt(PEER, succeeding());
    assertEquals("avatar", ok.toCompletableFuture().getNow(null));
    assertEquals(0, throttle.failures(PEER));
    int delays = scheduler.delays().size();
    assertInstanceOf(UnauthorizedLoginException.class, failureOf(throttle.attempt(PEER, failing())));
    assertEquals(delays, scheduler.delays().size(), "free attempts again");
  }

  @Test
  void peersAreCountedApart() {
    LoginThrottle throttle = builder().build();
    failSerially(throttle, PEER, 5);
    assertInstanceOf(UnauthorizedLoginException.class, failureOf(throttle.attempt("198.51.100.7", failing())));
    assertEquals(1, throttle.failures("198.51.100.7"));
  }

  @Test
  void failuresAreForgottenAfterAWindowWithoutFailures() {
    LoginThrottle throttle = builder().build();
    failSerially(throttle, PEER, 5);
    scheduler.advance(Duration.ofMinutes(10));
    assertEquals(0, throttle.failures(PEER));
    int delays = scheduler.delays().size();
    assertInstanceOf(UnauthorizedLoginException.class, failureOf(throttle.attempt(PEER, failing())));
    assertEquals(delays, scheduler.delays().size());
  }

  @Test
  void otherFailuresNeitherCountNorWait() {
    LoginThrottle throttle = builder().build();
    failSerially(throttle, PEER, 5);
    int delays = scheduler.delays().size();
    CompletionStage<String> denied =
        throttle.attempt(PEER, () -> CompletableFuture.failedFuture(new LoginDeniedException("no")));
    assertInstanceOf(LoginDeniedException.class, failureOf(denied));
    assertEquals(5, throttle.failures(PEER));
    assertEquals(delays, scheduler.delays().size());
  }

  @Test
  void parallelAttemptsAreSpacedOutBeforeTheyStart() {
    LoginThrottle throttle = builder().freeAttempts(1).build();
    List<CompletableFuture<String>> checks = new ArrayList<>();
    Supplier<CompletionStage<String>> pending =
        () -> {
          started.incrementAndGet();
          CompletableFuture<String> f = new CompletableFuture<>();
          checks.add(f);
          return f;
        };
    List<CompletionStage<String>> attempts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      attempts.add(throttle.attempt(PEER, pending));
    }
    assertEquals(2, started.get(), "the free attempt and the first throttled one start at once");
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(3)), scheduler.delays());
    scheduler.advance(Duration.ofSeconds(1));
    assertEquals(3, started.get());
    scheduler.advance(Duration.ofSeconds(2));
    assertEquals(4, started.get());
    checks.forEach(f -> f.complete("ok"));
    attempts.forEach(a -> assertEquals("ok", a.toCompletableFuture().getNow(null)));
  }

  @Test
  void attemptsBeyondTheQueueAreRefusedUnchecked() {
    LoginThrottle throttle = builder().freeAttempts(0).maxQueuedAttempts(1).build();
    Supplier<CompletionStage<String>> pending =
        () -> {
          started.incrementAndGet();
          return new CompletableFuture<>();
        };
    throttle.attempt(PEER, pending); // starts at once
    CompletionStage<String> queued = throttle.attempt(PEER, pending);
    CompletionStage<String> refused = throttle.attempt(PEER, pending);
    assertFalse(isDone(queued));
    assertInstanceOf(UnauthorizedLoginException.class, failureOf(refused));
    assertEquals(1, started.get());
  }

  @Test
  void memoryIsBoundedByMaxTrackedPeers() {
    LoginThrottle throttle = builder().maxTrackedPeers(100).build();
    for (int i = 0; i < 1_000; i++) {
      throttle.attempt("10.0.0." + i, failing());
    }
    assertEquals(100, throttle.trackedPeers());
    assertEquals(1, throttle.failures("10.0.0.999"));
    assertEquals(0, throttle.failures("10.0.0.0"), "the least recently active peer was forgotten");
  }

  @Test
  void perAttemptSchedulerIsUsedForThatAttempt() {
    LoginThrottle throttle = builder().build();
    failSerially(throttle, PEER, 3);
    ManualScheduler other = new ManualScheduler();
    CompletionStage<String> s = throttle.attempt(PEER, other, failing());
    assertEquals(List.of(Duration.ofSeconds(1)), other.delays());
    other.advance(Duration.ofSeconds(1));
    assertTrue(isDone(s));
  }

  @Test
  void closeDeliversDelayedAnswersAndFailsWaitingAttempts() {
    LoginThrottle throttle = builder().build();
    failSerially(throttle, PEER, 3);
    CompletionStage<String> delayedAnswer = throttle.attempt(PEER, failing());
    CompletionStage<String> waiting = throttle.attempt(PEER, failing());
    assertFalse(isDone(delayedAnswer));
    assertFalse(isDone(waiting));
    int checked = started.get();
    throttle.close();
    assertInstanceOf(UnauthorizedLoginException.class, failureOf(delayedAnswer));
    assertInstanceOf(IllegalStateException.class, failureOf(waiting));
    assertEquals(checked, started.get(), "the waiting attempt never ran");
    assertThrows(IllegalStateException.class, () -> throttle.attempt(PEER, failing()));
    assertFalse(scheduler.isShutdown(), "the caller's scheduler is left alone");
    scheduler.advance(Duration.ofMinutes(1));
    throttle.close();
  }

  @Test
  void ownSchedulerDeliversDelayedAnswers() throws Exception {
    try (LoginThrottle throttle =
        LoginThrottle.builder().freeAttempts(0).baseDelay(Duration.ofMillis(1)).build()) {
      CompletableFuture<String> f = throttle.attempt(PEER, failing()).toCompletableFuture();
      ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
      assertSame(UnauthorizedLoginException.class, e.getCause().getClass());
    }
  }

  @Test
  void loginThatThrowsIsAnsweredAndReleasesItsSlot() {
    LoginThrottle throttle = builder().freeAttempts(1).build();
    CompletionStage<String> s =
        throttle.attempt(
            PEER,
            () -> {
              throw new IllegalStateException("bug");
            });
    assertInstanceOf(IllegalStateException.class, failureOf(s));
    assertInstanceOf(UnauthorizedLoginException.class, failureOf(throttle.attempt(PEER, failing())));
    assertEquals(List.of(), scheduler.delays());
  }

  @Test
  void delaysSaturateInsteadOfOverflowing() {
    LoginThrottle throttle =
        builder().freeAttempts(0).baseDelay(Duration.ofDays(1)).maxDelay(Duration.ofDays(365)).build();
    assertEquals(Duration.ofDays(1).toNanos(), throttle.delayFor(1));
    assertEquals(Duration.ofDays(2).toNanos(), throttle.delayFor(2));
    assertEquals(Duration.ofDays(365).toNanos(), throttle.delayFor(100));
    assertEquals(Duration.ofDays(365).toNanos(), throttle.delayFor(Integer.MAX_VALUE));
  }

  @Test
  void builderNamesTheOptionOutOfRange() {
    assertEquals(
        "freeAttempts: -1 (expected: >= 0)",
        assertThrows(IllegalArgumentException.class, () -> builder().freeAttempts(-1).build()).getMessage());
    assertEquals(
        "baseDelay: PT0S (expected: > 0)",
        assertThrows(IllegalArgumentException.class, () -> builder().baseDelay(Duration.ZERO).build())
            .getMessage());
    assertEquals(
        "maxDelay: PT0.5S (expected: >= baseDelay PT1S)",
        assertThrows(IllegalArgumentException.class, () -> builder().maxDelay(Duration.ofMillis(500)).build())
            .getMessage());
    assertEquals(
        "window: PT0S (expected: > 0)",
        assertThrows(IllegalArgumentException.class, () -> builder().window(Duration.ZERO).build()).getMessage());
    assertEquals(
        "maxTrackedPeers: 0 (expected: >= 1)",
        assertThrows(IllegalArgumentException.class, () -> builder().maxTrackedPeers(0).build()).getMessage());
    assertEquals(
        "maxQueuedAttempts: -1 (expected: >= 0)",
        assertThrows(IllegalArgumentException.class, () -> builder().maxQueuedAttempts(-1).build())
            .getMessage());
  }
}
