package dev.spindle.interop.pb.typed;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The Java implementation of {@link Elementwise}, answering as fidelity_peer.py's does. */
final class TypedElements implements Elementwise {
  @Override
  public CompletableFuture<List<Integer>> ints(List<Integer> xs) {
    xs.forEach(Integer::intValue); // casts each element: a wrong one would fail here
    return CompletableFuture.completedFuture(xs);
  }

  @Override
  public CompletableFuture<Map<String, List<Long>>> groups(Map<String, List<Long>> groups) {
    groups.forEach((k, v) -> v.forEach(Long::longValue));
    return CompletableFuture.completedFuture(groups);
  }

  @Override
  public CompletableFuture<Set<String>> names(Set<String> names) {
    names.forEach(String::length);
    return CompletableFuture.completedFuture(names);
  }

  @Override
  public CompletableFuture<Optional<Double>> maybe(Optional<Double> x, Optional<String> label) {
    return CompletableFuture.completedFuture(x.map(v -> v * 2));
  }

  @Override
  public CompletableFuture<Point> mirror(Point p) {
    return CompletableFuture.completedFuture(new Point(p.y(), p.x(),
        p.label().map(l -> l.toUpperCase(java.util.Locale.ROOT)), p.neighbours()));
  }
}
