package dev.spindle.amp.locator;

import dev.spindle.amp.box.AmpBox;
import java.util.concurrent.CompletionStage;

/**
 * Answers one command at the box level: takes the command box, returns the answer's values.
 *
 * <p>Called on the connection's event loop; must not block (hand blocking work to an executor and
 * return a stage). To send an error code, fail the stage with a {@link
 * dev.spindle.amp.exceptions.RemoteAmpException}; any other failure is sent as {@code UNKNOWN} and closes the
 * connection, as in Twisted.
 */
@FunctionalInterface
public interface BoxResponder {
  /**
   * Answers {@code command} (which still holds {@code _command} and {@code _ask}); the returned box
   * holds the response values, without {@code _answer}.
   *
   * @param command the command box; the responder may reuse it for the answer
   * @return a stage that completes with the answer's values, or exceptionally with the error to
   *     send
   */
  CompletionStage<AmpBox> respond(AmpBox command);
}
