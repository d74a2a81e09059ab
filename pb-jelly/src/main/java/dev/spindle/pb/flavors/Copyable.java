package dev.spindle.pb.flavors;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.Jellyable;

/**
 * An object sent by value: {@code [typeName, state]}. The receiver rebuilds it with the class it
 * registered for {@code typeName} (in Java, the PB builders' {@code remoteCopy(typeName, Class,
 * factory)}, or {@code JellyRegistry.Builder.receive}/{@code register}); anything else is refused
 * there. Twisted equivalent: {@code pb.Copyable}.
 *
 * <p>Without implementing this interface, a class is also sent as a copy when it is registered with
 * a state function ({@code copy(...)} on the PB builders, {@code JellyRegistry.Builder.register}):
 * for classes you cannot change. When a class is both, this interface wins when sending.
 *
 * <pre>{@code
 * public record Point(long x, long y) implements Copyable {
 *   public String getTypeToCopyFor(Object perspective) { return "shapes.Point"; }
 *   public Object getStateToCopyFor(Object perspective) {
 *     var state = new LinkedHashMap<String, Object>();   // insertion order is wire order
 *     state.put("x", x);
 *     state.put("y", y);
 *     return state;
 *   }
 * }
 * }</pre>
 *
 * <p>Copyables take part in Jelly's reference tracking: the same instance twice in one message is
 * sent once and referred to. Called on the event loop of the connection sending it.
 */
public interface Copyable extends Jellyable {
  /**
   * The type name sent for this object to {@code perspective}: by default the Java class name.
   * Return the peer's class name (for Twisted, {@code module.Class}) to interoperate.
   *
   * @param perspective the avatar the object is sent to, or {@code null} outside an avatar's call
   * @return the type name, for example {@code shapes.Point}
   */
  default String getTypeToCopyFor(Object perspective) {
    return getClass().getName();
  }

  /**
   * The state sent to {@code perspective}, jellied like any value: a {@code Map<String, ?>} of
   * attribute names to values, which is what a Twisted {@code RemoteCopy} expects.
   *
   * @param perspective the avatar the object is sent to, or {@code null} outside an avatar's call
   * @return the state, jellied like any value
   */
  Object getStateToCopyFor(Object perspective);

  /** Writes {@code [typeName, jelly(state)]}. */
  @Override
  default Sexp jellyFor(Jellier jellier) {
    Object perspective = Flavors.perspective(jellier);
    byte[] type = Flavors.utf8(getTypeToCopyFor(perspective), getClass().getName() + ".getTypeToCopyFor");
    Object state = getStateToCopyFor(perspective);
    return Sexp.list(new Sexp.Bytes(type), jellier.jelly(state));
  }
}
