package dev.spindle.amp.exceptions;

/**
 * A call was refused because the connection already holds more unsent bytes than its write
 * high-water mark: the peer is not reading as fast as this side sends. Nothing was sent; the call
 * may be retried once {@link dev.spindle.amp.AmpConnection#whenWritable()} completes. See {@link
 * dev.spindle.amp.AmpConnection}.
 */
public final class AmpBackpressureException extends AmpException {
  private static final long serialVersionUID = 1L;

  /** The bytes that waited to be written when the call was refused. */
  private final long pendingBytes;

  /**
   * Creates the exception for a connection holding {@code pendingBytes} unsent bytes.
   *
   * @param pendingBytes the unsent bytes the connection holds, above its high-water mark
   */
  public AmpBackpressureException(long pendingBytes) {
    super("connection not writable: " + pendingBytes
        + " bytes wait for the peer to read (above the write high-water mark)");
    this.pendingBytes = pendingBytes;
  }

  /**
   * The bytes that waited to be written when the call was refused.
   *
   * @return the number of unsent bytes when the call was refused
   */
  public long pendingBytes() {
    return pendingBytes;
  }
}
