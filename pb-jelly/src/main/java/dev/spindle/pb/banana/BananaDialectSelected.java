package dev.spindle.pb.banana;

import java.util.Objects;

/**
 * The user event fired once the dialect handshake has completed: from now on both the decoder and
 * the encoder use {@link #dialect()}, and {@link Sexp}s flow to and from the next handlers.
 * Twisted equivalent: the {@code connectionReady} hook, where PB sends its {@code ["version",
 * 6]}.
 *
 * @param dialect the dialect both sides now speak
 */
public record BananaDialectSelected(BananaDialect dialect) {
  /**
   * Creates the event.
   *
   * @param dialect the dialect both sides now speak; not null
   */
  public BananaDialectSelected {
    Objects.requireNonNull(dialect, "dialect");
  }
}
