package dev.spindle.pb.flavors;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.Jellyable;

/**
 * An object sent by reference as seen by one perspective: the peer gets a {@code RemoteReference}
 * to a {@link ViewPoint} of (the current perspective, this object), and its calls run {@code
 * view_<name>(perspective, args...)} here, or {@link Remote @Remote} methods whose first parameter
 * receives the perspective. The perspective is the avatar whose {@code perspective_} method
 * returned the value being sent; it is null for results of plain {@code remote_} methods.
 * Twisted equivalent: {@code pb.Viewable}.
 *
 * <p>The two default methods are the Jelly hook; do not override them.
 */
public interface Viewable extends Jellyable {
  /** Writes {@code ["remote", luid]} for the view point of the serializing perspective. */
  @Override
  default Sexp jellyFor(Jellier jellier) {
    var broker = Flavors.broker(jellier, this);
    return broker.jellyViewPoint(broker.serializingPerspective(), this);
  }

  /** False: written again, and counted, at each occurrence. */
  @Override
  default boolean tracksIdentity(Jellier jellier) {
    return false;
  }
}
