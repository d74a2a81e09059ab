package dev.spindle.amp.locator;

import dev.spindle.amp.box.AmpBox;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link BoxResponder} that answers on the spot: it returns the answer's box, or throws what the
 * stage of {@link #respond} would fail with. The dispatcher calls {@link #respondNow} directly and
 * so allocates no future per call; the generated locators return one for every responder method
 * that returns its response (or nothing) rather than a stage.
 *
 * <p>Called on the connection's event loop; must not block.
 */
@FunctionalInterface
public interface ImmediateBoxResponder extends BoxResponder {
  /**
   * Answers {@code command} (which still holds {@code _command} and {@code _ask}) now.
   *
   * @param command the command box; the responder may reuse it for the answer
   * @return the answer's values, without {@code _answer}
   * @throws Throwable the failure to answer with: a {@link
   *     dev.spindle.amp.exceptions.RemoteAmpException} for an error code, a {@link
   *     PeerInputException} for arguments the peer got wrong, anything else as {@code UNKNOWN}
   */
  AmpBox respondNow(AmpBox command) throws Throwable;

  /** {@link #respondNow}'s answer as a completed (or failed) stage. */
  @Override
  default CompletionStage<AmpBox> respond(AmpBox command) {
    try {
      return CompletableFuture.completedFuture(respondNow(command));
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }
}
