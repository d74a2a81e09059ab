package dev.spindle.interop.pb.typed;

import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.KeywordOnly;
import dev.spindle.pb.flavors.Keywords;
import dev.spindle.pb.flavors.VarArgs;
import dev.spindle.pb.typed.RemoteInterface;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The kitchen-sink remote interface: fidelity_peer.py's ShapesRoot (every Python parameter
 * shape), typed; named as the Python class so that CPython's TypeError texts match word for word.
 */
@RemoteInterface
public interface ShapesRoot {
  /** {@code def remote_increment(self, by=1)}. */
  CompletableFuture<Long> increment(@Default("1") long by);

  /** {@code def remote_kwargs(self, *args, **kw)}. */
  CompletableFuture<List<Object>> kwargs(@VarArgs List<Object> args,
      @Keywords Map<String, Object> kw);

  /** {@code def remote_shapes(self, a, b=2, *rest, k, j="x", **kw)}. */
  CompletableFuture<List<Object>> shapes(Object a, @Default("2") Object b,
      @VarArgs List<Object> rest, Object k, @Default("'x'") Object j,
      @Keywords Map<String, Object> kw);

  /** {@code def remote_ko(self, *, k)}. */
  CompletableFuture<Object> ko(@KeywordOnly Object k);

  /** {@code def remote_sum(self, *numbers)}. */
  CompletableFuture<Long> sum(long... numbers);

  /** {@code def remote_two(self, a, b, c)}. */
  CompletableFuture<List<Object>> two(Object a, Object b, Object c);

  /** {@code def remote_greet(self, name="guest", loud=False, punct=None)}. */
  CompletionStage<String> greet(@Default("guest") String name, @Default("False") boolean loud,
      @Default String punct);

  /** {@code def remote_getLook(self)}: a {@link Look} sent as a Viewable. */
  CompletableFuture<Object> getLook();

  /** {@code class Look(pb.Viewable)}, nested as in Python so that the TypeError texts match. */
  @RemoteInterface
  interface Look {
    /** {@code def view_look(self, perspective, x, y=0)}; the perspective chooses the target. */
    CompletableFuture<List<Object>> look(Object x, @Default("0") Object y);
  }
}
