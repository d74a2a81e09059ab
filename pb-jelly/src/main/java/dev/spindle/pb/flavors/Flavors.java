package dev.spindle.pb.flavors;

import dev.spindle.pb.flavors.internal.FlavorBroker;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.JellyException;
import java.nio.charset.StandardCharsets;

/** Shared helpers of the flavors' default methods. */
final class Flavors {
  private Flavors() {}

  /**
   * The broker serializing the current message.
   *
   * @throws JellyException if {@code jellier} does not work for a PB broker (plain {@code
   *     jelly()}), where Twisted fails the same way
   */
  static FlavorBroker broker(Jellier jellier, Object flavor) {
    if (jellier.invoker() instanceof FlavorBroker b) {
      return b;
    }
    throw new JellyException(flavor.getClass().getName()
        + ": a PB flavor can only be sent by a PB connection (expected: a Jellier whose invoker is a broker)");
  }

  /** The serializing perspective, or null when there is no broker. */
  static Object perspective(Jellier jellier) {
    return jellier.invoker() instanceof FlavorBroker b ? b.serializingPerspective() : null;
  }

  static byte[] utf8(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new JellyException(what + ": " + (s == null ? "null" : "\"\"") + " (expected: a type name)");
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
