package dev.spindle.pb.banana;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.List;
import net.jqwik.api.lifecycle.AfterContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaked a Netty buffer. After the class, it collects garbage, waits (with
 * a timeout) until the collection has been processed, allocates a few tracked buffers so that
 * Netty reports what it found, and fails with the leak records collected by {@link
 * RecordingLeakDetector}.
 *
 * <p>Use {@code @ExtendWith(LeakCheck.class)} on JUnit classes and {@code
 * @AddLifecycleHook(LeakCheck.class)} on jqwik classes.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback, AfterContainerHook {
  private static final long GC_TIMEOUT_MILLIS = 10_000;

  @Override
  public void beforeAll(ExtensionContext context) {
    assertInstalled();
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    assertNoLeaks();
  }

  @Override
  public void afterContainer(ContainerLifecycleContext context) throws InterruptedException {
    assertNoLeaks();
  }

  /** Fails unless buffers are tracked by {@link RecordingLeakDetector} at PARANOID level. */
  static void assertInstalled() {
    if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
      throw new AssertionError("leak detection level: " + ResourceLeakDetector.getLevel()
          + " (expected: PARANOID, -Dio.netty.leakDetection.level=PARANOID)");
    }
    long before = RecordingLeakDetector.tracked();
    UnpooledByteBufAllocator.DEFAULT.buffer(1).release();
    if (RecordingLeakDetector.tracked() == before) {
      throw new AssertionError("buffers are not tracked by RecordingLeakDetector (expected: "
          + "-Dio.netty.customResourceLeakDetector=" + RecordingLeakDetector.class.getName() + ")");
    }
  }

  /** Collects garbage, lets Netty report, and fails if anything leaked since the last check. */
  static void assertNoLeaks() throws InterruptedException {
    assertInstalled();
    for (int round = 0; round < 2; round++) {
      awaitGc();
      for (int i = 0; i < 8; i++) {
        ByteBuf probe = UnpooledByteBufAllocator.DEFAULT.buffer(1); // each allocation polls leaks
        probe.release();
      }
    }
    List<String> leaks = RecordingLeakDetector.drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty leak(s):\n" + String.join("\n\n", leaks));
    }
  }

  /** Runs the collector and waits until a fresh object's phantom reference has been enqueued. */
  private static void awaitGc() throws InterruptedException {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    PhantomReference<Object> ref = new PhantomReference<>(new Object(), queue);
    long deadline = System.nanoTime() + GC_TIMEOUT_MILLIS * 1_000_000;
    do {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("garbage collection did not complete within "
            + GC_TIMEOUT_MILLIS + " ms");
      }
      System.gc();
    } while (queue.remove(100) == null);
    Reference.reachabilityFence(ref);
  }
}
