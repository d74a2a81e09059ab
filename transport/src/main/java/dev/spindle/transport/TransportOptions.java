package dev.spindle.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits, the memory budget and the read size of AMP and PB connections, one set for
 * both protocols. Immutable; {@link #builder()} or {@link #toBuilder()} to change one. Each limit
 * is off with {@link Duration#ZERO} (or 0 bytes).
 *
 * <p>Defaults, and why:
 *
 * <ul>
 *   <li>{@link #DEFAULT_HANDSHAKE_TIMEOUT} 30 s: from accept (or connect) until the protocol is
 *       ready (PB: the Banana dialect chosen; TLS from the first byte included). A Twisted peer
 *       needs one round trip; grpc-java allows 120 s for TLS and the HTTP/2 preface.
 *   <li>{@link #DEFAULT_FRAME_TIMEOUT} 60 s: from the first byte of an AMP box or Banana
 *       expression to its last. A 16 MiB frame, the largest the default limits take, arrives in
 *       that time at about 2.2 Mbit/s; a peer that starts a frame and stalls is closed.
 *   <li>{@link #DEFAULT_IDLE_TIMEOUT} off: Twisted closes nothing for idleness, and a PB client
 *       may hold references for hours without a call; turn it on for servers of short sessions.
 *   <li>{@link #defaultMemoryBudget()} a quarter of the maximum heap (128 MiB with {@code
 *       -Xmx512m}): the bytes all of a server's connections may hold in unfinished frames; past
 *       it the connection holding the most is closed. Banana's accounting keeps the heap of an
 *       unfinished expression within twice its counted bytes, so the budget's worst case is half
 *       the heap.
 *   <li>{@link #DEFAULT_MAX_BYTES_PER_READ} 16 KiB: what an event loop reads from one connection
 *       before it serves the others it owns (Twisted's reactor reads at most 64 KiB per connection
 *       per turn). 16 KiB of the smallest AMP commands or PB calls is under a millisecond of a
 *       loop's work, so a client sharing the loop with peers that pipeline thousands of messages
 *       waits a few milliseconds per such peer, not for their whole backlog (Netty's own default,
 *       up to 16 reads of 64 KiB per turn, let 16 such peers delay it by a quarter of a second).
 * </ul>
 */
public final class TransportOptions {
  /** Default time from accept or connect until the protocol is ready: 30 s. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
  /** Default time from the first byte of a frame to its last: 60 s. */
  public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(60);
  /** Default idle timeout: off. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ZERO;
  /** Default bytes read from one connection per turn of its event loop: 16,384. */
  public static final int DEFAULT_MAX_BYTES_PER_READ = 16_384;
  /** The least {@link Builder#maxBytesPerRead(int)} takes, other than 0: 1,024. */
  public static final int MIN_BYTES_PER_READ = 1_024;

  /** The defaults. */
  public static final TransportOptions DEFAULT = builder().build();

  private final Duration handshakeTimeout;
  private final Duration frameTimeout;
  private final Duration idleTimeout;
  private final long memoryBudget;
  private final int maxBytesPerRead;

  private TransportOptions(Builder b) {
    this.handshakeTimeout = b.handshakeTimeout;
    this.frameTimeout = b.frameTimeout;
    this.idleTimeout = b.idleTimeout;
    this.memoryBudget = b.memoryBudget;
    this.maxBytesPerRead = b.maxBytesPerRead;
  }

  /**
   * A quarter of the maximum heap ({@link Runtime#maxMemory()}).
   *
   * @return the default budget in bytes, computed from this JVM's heap limit
   */
  public static long defaultMemoryBudget() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder with these options.
   *
   * @return a new builder holding these options
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.handshakeTimeout = handshakeTimeout;
    b.frameTimeout = frameTimeout;
    b.idleTimeout = idleTimeout;
    b.memoryBudget = memoryBudget;
    b.maxBytesPerRead = maxBytesPerRead;
    return b;
  }

  /**
   * Time from accept or connect until the protocol is ready; zero: no limit.
   *
   * @return the handshake timeout, zero or positive
   */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /**
   * Time from the first byte of a frame (AMP box, Banana expression) to its last; zero: no limit.
   *
   * @return the frame timeout, zero or positive
   */
  public Duration frameTimeout() {
    return frameTimeout;
  }

  /**
   * Time with nothing read or written after which a connection is closed; zero: never.
   *
   * @return the idle timeout, zero or positive
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * Bytes a server's connections may hold in unfinished frames, all together; 0: no limit.
   *
   * @return the budget in bytes, 0 or more
   */
  public long memoryBudget() {
    return memoryBudget;
  }

  /**
   * The most bytes an event loop reads from one connection's socket before it serves its other
   * connections (one read per turn); 0: Netty's own default (up to 16 reads of up to 64 KiB).
   *
   * @return the bytes per read, 0 or at least {@link #MIN_BYTES_PER_READ}
   */
  public int maxBytesPerRead() {
    return maxBytesPerRead;
  }

  @Override
  public String toString() {
    return "TransportOptions{handshakeTimeout=" + handshakeTimeout + ", frameTimeout=" + frameTimeout
        + ", idleTimeout=" + idleTimeout + ", memoryBudget=" + memoryBudget
        + ", maxBytesPerRead=" + maxBytesPerRead + "}";
  }

  /** Builds {@link TransportOptions}. Not thread-safe. */
  public static final class Builder {
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private Duration frameTimeout = DEFAULT_FRAME_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private long memoryBudget = defaultMemoryBudget();
    private int maxBytesPerRead = DEFAULT_MAX_BYTES_PER_READ;

    private Builder() {}

    /**
     * See {@link TransportOptions#handshakeTimeout()}; {@link Duration#ZERO} turns it off.
     *
     * @param timeout the limit, zero or positive; not null
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = check(timeout, "handshakeTimeout");
      return this;
    }

    /**
     * See {@link TransportOptions#frameTimeout()}; {@link Duration#ZERO} turns it off.
     *
     * @param timeout the limit, zero or positive; not null
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Builder frameTimeout(Duration timeout) {
      this.frameTimeout = check(timeout, "frameTimeout");
      return this;
    }

    /**
     * See {@link TransportOptions#idleTimeout()}; {@link Duration#ZERO} turns it off.
     *
     * @param timeout the limit, zero or positive; not null
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = check(timeout, "idleTimeout");
      return this;
    }

    /**
     * See {@link TransportOptions#memoryBudget()}; 0 turns it off. Servers only.
     *
     * @param bytes the budget in bytes, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Builder memoryBudget(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("memoryBudget: " + bytes + " (expected: >= 0)");
      }
      this.memoryBudget = bytes;
      return this;
    }

    /**
     * See {@link TransportOptions#maxBytesPerRead()}; 0 leaves Netty's default (more per turn:
     * more throughput for one connection of large frames, less fairness among many).
     *
     * @param bytes 0, or at least {@link TransportOptions#MIN_BYTES_PER_READ}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is negative or between 1 and 1,023
     */
    public Builder maxBytesPerRead(int bytes) {
      if (bytes < 0 || (bytes > 0 && bytes < MIN_BYTES_PER_READ)) {
        throw new IllegalArgumentException(
            "maxBytesPerRead: " + bytes + " (expected: 0 or >= " + MIN_BYTES_PER_READ + ")");
      }
      this.maxBytesPerRead = bytes;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return new immutable options
     */
    public TransportOptions build() {
      return new TransportOptions(this);
    }

    private static Duration check(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0)");
      }
      return d;
    }
  }
}
