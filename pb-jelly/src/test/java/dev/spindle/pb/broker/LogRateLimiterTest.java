package dev.spindle.pb.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogRateLimiterTest {
  @Test
  void oneLinePerIntervalCountingTheOthers() {
    AtomicLong now = new AtomicLong(1_000);
    LogRateLimiter limiter = new LogRateLimiter(10, now::get);
    assertTrue(limiter.permit(), "the first");
    assertEquals(0, limiter.suppressed());
    for (int i = 0; i < 5; i++) {
      assertFalse(limiter.permit());
    }
    now.addAndGet(9);
    assertFalse(limiter.permit());
    now.addAndGet(1);
    assertTrue(limiter.permit(), "one interval later");
    assertEquals(6, limiter.suppressed());
    assertFalse(limiter.permit());
    assertEquals(1, limiter.takePending());
    assertEquals(0, limiter.takePending());
  }
}
