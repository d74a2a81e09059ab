package dev.spindle.testing;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it hands out, so that a test can check, right after
 * one input, that all of them were released: exact and immediate, where Netty's leak detector
 * needs a garbage collection and only samples what it can see. Buffers are unpooled and still go
 * through Netty's leak detector. Used by the fuzz tests, one instance per input.
 *
 * <p>Not thread-safe: for {@code EmbeddedChannel}s, where everything runs on the test thread.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {
  private final List<ByteBuf> allocated = new ArrayList<>();

  /** Creates an allocator whose default buffers are heap buffers. */
  public TrackingAllocator() {
    super(false);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
    allocated.add(b);
    return b;
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    ByteBuf b = new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
    allocated.add(b);
    return b;
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  /** How many buffers were handed out. */
  public int count() {
    return allocated.size();
  }

  /**
   * Throws if any buffer handed out is still referenced, releasing it (so that one finding does
   * not also leak).
   */
  public void assertAllReleased() {
    List<String> live = new ArrayList<>();
    for (ByteBuf b : allocated) {
      int refCnt = b.refCnt();
      if (refCnt != 0) {
        live.add(b.toString() + " refCnt=" + refCnt);
        b.release(refCnt);
      }
    }
    allocated.clear();
    if (!live.isEmpty()) {
      throw new AssertionError(live.size() + " buffer(s) not released: " + live);
    }
  }
}
