package dev.spindle.amp.box;

/**
 * Something that sends boxes to the peer: the transport side of a connection.
 *
 * <p>Thread-safe. Twisted equivalent: {@code IBoxSender}.
 */
public interface BoxSender {
  /**
   * Sends {@code box} to the peer. Boxes are written in the order of the calls and flushed in
   * batches.
   *
   * @param box the box to send; the sender takes it and the caller must not modify it afterwards
   */
  void sendBox(AmpBox box);

  /**
   * Reports an error that the box layer could not handle and closes the connection, as Twisted's
   * {@code unhandledError} does.
   *
   * @param failure the error, which becomes the reason the connection closed
   */
  void unhandledError(Throwable failure);
}
