package dev.spindle.pb.flavors;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.Jellyable;

/**
 * An object sent by reference: the peer gets a {@code RemoteReference} and its calls run here.
 * Callable methods are the public (or accessible) instance methods named {@code remote_<name>},
 * and methods annotated {@link Remote @Remote}. Twisted equivalent: {@code pb.Referenceable}.
 *
 * <pre>{@code
 * public final class Calculator implements Referenceable {
 *   public long remote_add(long a, long b) { return a + b; }
 *   @Remote("divide") public CompletionStage<Double> div(double a, double b) { ... }
 * }
 * }</pre>
 *
 * <p>On the wire it is {@code ["remote", luid]}. Each connection gives the object one luid while
 * the peer holds references to it, counting every occurrence sent; the peer's {@code decref}s give
 * them back, and a new luid is taken if it is sent again after the last one. Methods run on the
 * connection's event loop: do not block in them (return a {@code CompletionStage} instead).
 * Arguments are converted to the declared parameter types (see {@code
 * dev.spindle.pb.RemoteReference}); keyword arguments bind by parameter name (compile with {@code
 * -parameters}) or go to a trailing {@link Keywords @Keywords} map.
 *
 * <p>The two default methods are the Jelly hook ({@link Jellyable}); do not override them.
 */
public interface Referenceable extends Jellyable {
  /** Writes {@code ["remote", luid]} through the broker serializing the message. */
  @Override
  default Sexp jellyFor(Jellier jellier) {
    return Flavors.broker(jellier, this).jellyReferenceable(this);
  }

  /** False: a Referenceable is written again, and counted, at each occurrence. */
  @Override
  default boolean tracksIdentity(Jellier jellier) {
    return false;
  }
}
