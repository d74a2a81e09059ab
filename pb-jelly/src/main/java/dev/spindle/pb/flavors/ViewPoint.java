package dev.spindle.pb.flavors;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.Jellyable;
import java.util.Objects;

/**
 * A {@link Viewable} combined with the perspective that sees it: sent as {@code ["remote", luid]},
 * one luid per (perspective, object) pair on a connection, and calls on it run {@code
 * view_<name>(perspective, args...)} on the object. A Viewable becomes one automatically when
 * sent; make one by hand to send any object's {@code view_} methods for a given perspective, and
 * a {@code ["local", luid]} coming back for one gives a ViewPoint. Twisted equivalent: {@code
 * flavors.ViewPoint}.
 *
 * <p>Immutable and thread-safe. Two view points are equal when they hold the same perspective and
 * object (by identity).
 */
public final class ViewPoint implements Jellyable {
  private final Object perspective;
  private final Object object;

  /**
   * Creates the view point of {@code perspective} (may be null) onto {@code object}.
   *
   * @param perspective the perspective passed first to every {@code view_} method; may be {@code
   *     null}
   * @param object the object whose {@code view_} methods are called; not null
   */
  public ViewPoint(Object perspective, Object object) {
    this.perspective = perspective;
    this.object = Objects.requireNonNull(object, "object");
  }

  /** {@return the perspective passed first to every {@code view_} method} */
  public Object perspective() {
    return perspective;
  }

  /** {@return the object whose {@code view_} methods are called} */
  public Object object() {
    return object;
  }

  /** Writes {@code ["remote", luid]} for this pair. */
  @Override
  public Sexp jellyFor(Jellier jellier) {
    return Flavors.broker(jellier, this).jellyViewPoint(perspective, object);
  }

  /** False: written again, and counted, at each occurrence. */
  @Override
  public boolean tracksIdentity(Jellier jellier) {
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewPoint v && v.perspective == perspective && v.object == object;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(perspective) * 31 + System.identityHashCode(object);
  }

  @Override
  public String toString() {
    return "ViewPoint{" + perspective + " -> " + object + "}";
  }
}
