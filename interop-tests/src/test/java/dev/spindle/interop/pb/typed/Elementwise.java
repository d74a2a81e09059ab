package dev.spindle.interop.pb.typed;

import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.KeywordOnly;
import dev.spindle.pb.typed.RemoteInterface;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Generic element types, converted element by element with their range checks: fidelity_peer.py's
 * Elementwise (each method answers what it was given, {@code maybe} doubled), typed.
 */
@RemoteInterface
public interface Elementwise {
  /** {@code def remote_ints(self, xs)}. */
  CompletableFuture<List<Integer>> ints(List<Integer> xs);

  /** {@code def remote_groups(self, groups)}. */
  CompletableFuture<Map<String, List<Long>>> groups(Map<String, List<Long>> groups);

  /** {@code def remote_names(self, names)}. */
  CompletableFuture<Set<String>> names(Set<String> names);

  /** {@code def remote_maybe(self, x=None, *, label=None)}: x doubled, or None. */
  CompletableFuture<Optional<Double>> maybe(@Default Optional<Double> x,
      @KeywordOnly @Default Optional<String> label);

  /** {@code def remote_mirror(self, p)}: x and y swapped, the label in capitals. */
  CompletableFuture<Point> mirror(Point p);
}
