package dev.spindle.amp.box;

/**
 * Something that receives the boxes of one connection, in order.
 *
 * <p>All methods are called on the connection's event loop, one at a time. Twisted equivalent:
 * {@code IBoxReceiver}.
 */
public interface BoxReceiver {
  /**
   * Called once, before any box, with the sender for replies.
   *
   * @param sender sends this connection's boxes to the peer
   */
  void startReceivingBoxes(BoxSender sender);

  /**
   * Called for each box received. An exception thrown here closes the connection, as in Twisted.
   *
   * @param box the box, in arrival order; the receiver may keep it
   */
  void ampBoxReceived(AmpBox box);

  /**
   * Called once when the connection is gone.
   *
   * @param reason a {@code AmpConnectionLostException}; its cause, if any, is the error that made
   *     this side close (a protocol error from the peer, a fatal responder error, an I/O error)
   */
  void stopReceivingBoxes(Throwable reason);
}
