package dev.spindle.interop.pb.typed;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The Java implementation of {@link ShapesRoot}, answering as fidelity_peer.py's does. */
final class TypedShapes implements ShapesRoot {
  @Override
  public CompletableFuture<Long> increment(long by) {
    return CompletableFuture.completedFuture(by + 1);
  }

  @Override
  public CompletableFuture<List<Object>> kwargs(List<Object> args, Map<String, Object> kw) {
    return CompletableFuture.completedFuture(Arrays.asList(args, kw));
  }

  @Override
  public CompletableFuture<List<Object>> shapes(Object a, Object b, List<Object> rest, Object k,
      Object j, Map<String, Object> kw) {
    return CompletableFuture.completedFuture(Arrays.asList(a, b, rest, k, j, kw));
  }

  @Override
  public CompletableFuture<Object> ko(Object k) {
    return CompletableFuture.completedFuture(k);
  }

  @Override
  public CompletableFuture<Long> sum(long... numbers) {
    return CompletableFuture.completedFuture(Arrays.stream(numbers).sum());
  }

  @Override
  public CompletableFuture<List<Object>> two(Object a, Object b, Object c) {
    return CompletableFuture.completedFuture(Arrays.asList(a, b, c));
  }

  @Override
  public CompletionStage<String> greet(String name, boolean loud, String punct) {
    String text = "hello " + name + (punct == null ? "" : punct);
    return CompletableFuture.completedFuture(loud ? text.toUpperCase() : text);
  }

  @Override
  public CompletableFuture<Object> getLook() {
    return CompletableFuture.completedFuture(ShapesRoot_Look_PbSkeleton.view(perspective ->
        (x, y) -> CompletableFuture.completedFuture(Arrays.asList(perspective == null, x, y))));
  }
}
