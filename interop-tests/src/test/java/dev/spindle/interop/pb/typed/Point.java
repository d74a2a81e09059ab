package dev.spindle.interop.pb.typed;

import dev.spindle.pb.typed.CopyRecord;
import java.util.List;
import java.util.Optional;

/** fidelity_peer.py's Point, sent by value with its components as the state dictionary. */
@CopyRecord("spindle.fidelity.Point")
public record Point(long x, long y, Optional<String> label, List<Point> neighbours) {
  /** A point without label or neighbours. */
  static Point of(long x, long y) {
    return new Point(x, y, Optional.empty(), List.of());
  }
}
