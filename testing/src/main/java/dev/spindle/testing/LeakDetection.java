package dev.spindle.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Makes Netty's leak detector fail tests: every leak Netty reports is recorded here, and {@link
 * #assertNoLeaks} triggers garbage collection, makes the detector look, and throws if anything
 * leaked since the last check.
 *
 * <p>{@link #install()} puts a {@link ResourceLeakDetectorFactory} in place whose detectors record
 * their reports, and sets the level to {@code PARANOID} (every buffer tracked). The buffer detector
 * is created once, when {@code AbstractByteBuf} is initialized; if that happened before {@link
 * #install()} (a test that ran earlier without the check), the existing detector gets a {@link
 * ResourceLeakDetector.LeakListener} instead, so leaks are recorded either way.
 *
 * <p>Use it through {@link LeakChecked}. Thread-safe.
 */
public final class LeakDetection {
  private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();
  private static boolean installed;

  private LeakDetection() {}

  /** Installs the recording detector; idempotent. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    ResourceLeakDetector<?> buffers = bufferDetector();
    if (!(buffers instanceof RecordingDetector)) {
      buffers.setLeakListener((type, records) -> REPORTS.add(type + " leaked" + records));
    }
  }

  /** Reads {@code AbstractByteBuf.leakDetector}, initializing the class if needed. */
  private static ResourceLeakDetector<?> bufferDetector() {
    try {
      Class<?> c = Class.forName("io.netty.buffer.AbstractByteBuf", true, ByteBuf.class.getClassLoader());
      Field f = c.getDeclaredField("leakDetector");
      f.setAccessible(true);
      return (ResourceLeakDetector<?>) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach Netty's buffer leak detector", e);
    }
  }

  /**
   * Collects garbage, lets the detector process what was collected, and fails if any leak was
   * reported since the last call.
   *
   * @param context names the test, for the failure message
   */
  public static void assertNoLeaks(String context) {
    List<String> leaks = collect();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size() + " Netty leak(s) reported during or before " + context + ":\n"
              + String.join("\n---\n", leaks));
    }
  }

  /** Runs GC and detection and returns (and forgets) the leaks reported so far. */
  public static List<String> collect() {
    install();
    // Two collections: the reference handler enqueues what the first one found before it gets to
    // the second one's sentinel, so everything unreachable at the first is queued after the second.
    awaitGc();
    awaitGc();
    // The detector looks at its reference queue only when it tracks a new buffer.
    for (ByteBufAllocator alloc :
        new ByteBufAllocator[] {
          ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT
        }) {
      alloc.heapBuffer(1).release();
      alloc.directBuffer(1).release();
    }
    List<String> out = new ArrayList<>();
    String r;
    while ((r = REPORTS.poll()) != null) {
      out.add(r);
    }
    return out;
  }

  /** Runs a full GC and waits (bounded) until a fresh weak reference has been enqueued. */
  private static void awaitGc() {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
    for (int i = 0; i < 20; i++) {
      System.gc();
      try {
        if (queue.remove(100) != null) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    sentinel.clear();
  }

  private static final class RecordingFactory extends ResourceLeakDetectorFactory {
    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      return new RecordingDetector<>(resource, samplingInterval);
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
      return new RecordingDetector<>(resource, samplingInterval);
    }
  }

  /** A detector that logs as usual and also records each report. */
  static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
    RecordingDetector(Class<?> resource, int samplingInterval) {
      super(resource, samplingInterval);
    }

    @Override
    protected boolean needReport() {
      return true; // report even if the logger is quiet
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
      REPORTS.add(resourceType + " leaked" + records);
      super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
      REPORTS.add(resourceType + " leaked (untraced)");
      super.reportUntracedLeak(resourceType);
    }
  }
}
