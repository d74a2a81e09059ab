package dev.spindle.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One skeleton per target, by identity, however many threads ask. */
class SkeletonCacheTest {
  private record Target(String name) {}

  private record Skel(Target target) {}

  @Test
  void theSameTargetGetsTheSameSkeleton() {
    AtomicInteger made = new AtomicInteger();
    SkeletonCache<Target, Skel> cache = new SkeletonCache<>(t -> {
      made.incrementAndGet();
      return new Skel(t);
    });
    Target a = new Target("a");
    Skel first = cache.get(a);
    assertSame(first, cache.get(a));
    assertSame(a, first.target());
    assertEquals(1, made.get());
    // equal but not the same object: another skeleton, as Twisted keys objects by identity
    Target twin = new Target("a");
    assertNotSame(first, cache.get(twin));
    assertEquals(2, made.get());
    assertEquals(2, cache.size());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void concurrentCallersAgreeOnOneSkeleton() throws Exception {
    SkeletonCache<Target, Skel> cache = new SkeletonCache<>(Skel::new);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 50; round++) {
        Target t = new Target("t" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Skel>> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          got.add(CompletableFuture.supplyAsync(() -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return cache.get(t);
          }, pool));
        }
        start.countDown();
        Skel one = got.get(0).get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Skel> f : got) {
          assertSame(one, f.get(10, TimeUnit.SECONDS));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
