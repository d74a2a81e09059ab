package test;

import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.locator.ImmediateBoxResponder;
import dev.spindle.amp.runtime.Responders;
import javax.annotation.processing.Generated;

/**
 * Dispatches AMP commands to the {@code @Responder} methods of a {@link Calculator}.
 *
 * <p>{@code CommandLocator.of(target)} creates it.
 */
@Generated("dev.spindle.codegen.CommandProcessor")
public final class Calculator_AmpLocator implements CommandLocator {
  private final Calculator target;

  private final BoxResponder divide;

  private final BoxResponder sum;

  private final BoxResponder reset;

  /**
   * Creates the locator of {@code target}'s responders.
   *
   * @param target the object whose responders answer the commands
   */
  public Calculator_AmpLocator(Calculator target) {
    this.target = target;
    this.divide = (ImmediateBoxResponder) box -> Responders.respondNow(Divide_AmpSerializer.INSTANCE, box, target::divide);
    this.sum = box -> Responders.respondAsync(Sum_AmpSerializer.INSTANCE, box, target::sum);
    this.reset = (ImmediateBoxResponder) box -> Responders.respondVoidNow(Reset_AmpSerializer.INSTANCE, box, target::reset);
  }

  /**
   * The object whose {@code @Responder} methods this locator calls.
   *
   * @return the target given to the constructor
   */
  public Calculator target() {
    return target;
  }

  @Override
  public BoxResponder locateResponder(String commandName) {
    switch (commandName) {
      case "Divide":
        return divide;
      case "Sum":
        return sum;
      case "reset":
        return reset;
      default:
        return null;
    }
  }
}
