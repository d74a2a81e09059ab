package dev.spindle.pb.exceptions;

/**
 * A call was refused because the connection already holds more unsent bytes than its write
 * high-water mark: the peer is not reading as fast as this side sends. Nothing was sent; the call
 * may be retried once {@link dev.spindle.pb.PbConnection#whenWritable()} completes. See {@link
 * dev.spindle.pb.PbConnection}.
 */
public final class PbBackpressureException extends PbException {
  private static final long serialVersionUID = 1L;

  /** The bytes that waited to be written when the call was refused. */
  private final long pendingBytes;

  /**
   * Creates the exception for a connection holding {@code pendingBytes} unsent bytes.
   *
   * @param pendingBytes the bytes queued for writing on the connection when the call was refused
   */
  public PbBackpressureException(long pendingBytes) {
    super("connection not writable: " + pendingBytes
        + " bytes wait for the peer to read (above the write high-water mark)");
    this.pendingBytes = pendingBytes;
  }

  /** {@return the bytes that waited to be written when the call was refused} */
  public long pendingBytes() {
    return pendingBytes;
  }
}
