package dev.spindle.cred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginResultTest {
  @Test
  void logoutRunsOnceWhenCalledTwice() {
    AtomicInteger runs = new AtomicInteger();
    LoginResult<Runnable> result = LoginResult.of(Runnable.class, () -> {}, runs::incrementAndGet);
    assertFalse(result.isLoggedOut());
    result.logout();
    result.logout();
    assertEquals(1, runs.get());
    assertTrue(result.isLoggedOut());
  }

  @Test
  void logoutRunsOnceWhenCalledConcurrently() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    LoginResult<Runnable> result = LoginResult.of(Runnable.class, () -> {}, runs::incrementAndGet);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        calls.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  result.logout();
                  return null;
                }));
      }
      assertTrue(ready.await(10, TimeUnit.SECONDS));
      go.countDown();
      for (Future<?> f : calls) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, runs.get());
  }

  @Test
  void logoutFailureReachesOnlyTheFirstCaller() {
    LoginResult<Runnable> result =
        LoginResult.of(
            Runnable.class,
            () -> {},
            () -> {
              throw new IllegalStateException("boom");
            });
    assertThrows(IllegalStateException.class, result::logout);
    result.logout();
    assertTrue(result.isLoggedOut());
  }

  @Test
  void nullAvatarIsRefused() {
    assertThrows(NullPointerException.class, () -> LoginResult.of(Runnable.class, null, () -> {}));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Test
  void avatarOfAnotherTypeIsRefused() {
    Class raw = Runnable.class;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LoginResult.of(raw, "not a runnable", () -> {}));
    assertEquals(
        "avatar: java.lang.String (expected: an instance of java.lang.Runnable)", e.getMessage());
  }

  @Test
  void asSharesTheLogoutGuard() {
    AtomicInteger runs = new AtomicInteger();
    LoginResult<?> result = LoginResult.of(Runnable.class, () -> {}, runs::incrementAndGet);
    LoginResult<Runnable> typed = result.as(Runnable.class);
    assertSame(result, typed);
    typed.logout();
    result.logout();
    assertEquals(1, runs.get());
  }
}
