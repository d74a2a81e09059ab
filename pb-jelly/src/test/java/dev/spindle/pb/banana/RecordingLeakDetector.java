package dev.spindle.pb.banana;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Netty {@link io.netty.util.ResourceLeakDetector} that records every leak it reports, so that
 * {@link LeakCheck} can fail the tests. Netty instantiates it because surefire sets {@code
 * -Dio.netty.customResourceLeakDetector} to this class (see pb-jelly's pom).
 */
public final class RecordingLeakDetector<T> extends io.netty.util.ResourceLeakDetector<T> {
  private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();
  private static final AtomicLong TRACKED = new AtomicLong();

  /** Called by Netty's {@code ResourceLeakDetectorFactory}. */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
  }

  /** Netty looks for this constructor first. */
  @Deprecated
  @SuppressWarnings("deprecation")
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    super(resourceType, samplingInterval, maxActive);
  }

  @Override
  public io.netty.util.ResourceLeakTracker<T> track(T obj) {
    TRACKED.incrementAndGet();
    return super.track(obj);
  }

  @Override
  protected boolean needReport() {
    return true;
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LEAKS.add(resourceType + " leaked:" + records); // LeakCheck reports it; no log needed
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LEAKS.add(resourceType + " leaked (untraced)");
  }

  /** How many resources were handed to a detector of this class so far. */
  static long tracked() {
    return TRACKED.get();
  }

  /** Returns and forgets the leaks recorded so far. */
  static List<String> drain() {
    List<String> leaks = new ArrayList<>();
    for (String s; (s = LEAKS.poll()) != null; ) {
      leaks.add(s);
    }
    return leaks;
  }
}
