package dev.spindle.pb.jelly;

import java.util.Objects;

/**
 * A placeholder for something that could not be serialized: Twisted's {@code
 * jelly.Unpersistable}. Jelly sends it as {@code ["unpersistable", <reason as UTF-8>]}. Unjelly
 * gives one whose reason is Twisted's text, {@code "Unpersistable data: " + repr(reason bytes)},
 * for example {@code Unpersistable data: b'instance of class goldens.Point deemed insecure'}; and
 * {@code Unpersistable("Persistent callback not found")} for {@code ["persistent", ...]}. So the
 * reason does not survive a round trip unchanged, exactly as in Twisted.
 *
 * <p>Immutable and thread-safe; equal when the reasons are equal.
 *
 * @param reason the human-readable reason
 */
public record Unpersistable(String reason) {
  /**
   * Creates the placeholder.
   *
   * @param reason the human-readable reason; not null
   */
  public Unpersistable {
    Objects.requireNonNull(reason, "reason");
  }
}
