package dev.spindle.pb.util;

import dev.spindle.pb.RemoteReference;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link Pager} that sends a byte array in consecutive slices of {@code chunkSize} bytes (the
 * last one shorter), each as Python {@code bytes}; empty data is sent as one empty page, as
 * Twisted does. Starts paging as it is constructed. Twisted equivalent: {@code
 * twisted.spread.util.StringPager}.
 *
 * <pre>{@code
 * public void remote_getReport(RemoteReference collector) {
 *   new StringPager(collector, report.getBytes(StandardCharsets.UTF_8))
 *       .done().whenComplete((v, e) -> log(e == null ? "sent" : "not sent: " + e));
 *   collector.release(); // ours; the pager holds its own handle until it is done
 * }
 * }</pre>
 *
 * <p>Ownership: the pager borrows {@code data} until {@link #done()} completes (each page is a
 * copy of its slice): do not modify it meanwhile. Thread-safe as {@link Pager}.
 */
public final class StringPager extends Pager {
  /** Twisted's default chunk size: 8,192 bytes ({@code StringPager(..., chunkSize=8192)}). */
  public static final int DEFAULT_CHUNK_SIZE = 8192;

  private final byte[] data;
  private final int chunkSize;
  private int pointer;
  private boolean ended;

  /**
   * Pages {@code data} to {@code collector} in chunks of {@value #DEFAULT_CHUNK_SIZE} bytes.
   *
   * @param collector the peer's collector; the pager takes its own handle on it
   * @param data the bytes to page; not copied, so not to be modified while paging
   */
  public StringPager(RemoteReference collector, byte[] data) {
    this(collector, data, DEFAULT_CHUNK_SIZE);
  }

  /**
   * Pages {@code data} to {@code collector} in chunks of {@code chunkSize} bytes.
   *
   * @param collector the peer's collector; the pager takes its own handle on it
   * @param data the bytes to page; not copied, so not to be modified while paging
   * @param chunkSize the most bytes per page, at least 1
   * @throws IllegalArgumentException if {@code chunkSize} is not positive (the pager's
   *     handle on the collector is released)
   */
  public StringPager(RemoteReference collector, byte[] data, int chunkSize) {
    super(collector);
    if (chunkSize <= 0 || data == null) {
      collector().release(); // the pager's own handle
      Objects.requireNonNull(data, "data");
      throw new IllegalArgumentException("chunkSize: " + chunkSize + " (expected: > 0)");
    }
    this.data = data;
    this.chunkSize = chunkSize;
    start();
  }

  @Override
  protected Object nextPage() {
    if (ended) {
      return null;
    }
    int n = Math.min(chunkSize, data.length - pointer);
    byte[] page = Arrays.copyOfRange(data, pointer, pointer + n);
    pointer += n;
    ended = pointer >= data.length;
    return page;
  }
}
