package dev.spindle.examples.amp;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;

/**
 * The howto's {@code BoxReflector}: a box-level receiver that sends every box it receives straight
 * back. Served with {@code AmpServer.builder().boxReceiverFactory(c -> new BoxReflector())}.
 */
public final class BoxReflector implements BoxReceiver {
  private BoxSender boxSender;

  @Override
  public void startReceivingBoxes(BoxSender boxSender) {
    this.boxSender = boxSender;
  }

  @Override
  public void ampBoxReceived(AmpBox box) {
    boxSender.sendBox(box);
  }

  @Override
  public void stopReceivingBoxes(Throwable reason) {
    boxSender = null;
  }
}
