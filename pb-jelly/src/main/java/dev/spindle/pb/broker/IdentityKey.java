package dev.spindle.pb.broker;

/**
 * Identifies an exported object by identity, as Twisted's {@code processUniqueID}: {@code
 * id(object)} for a Referenceable, {@code (id(perspective), id(object))} for a view point.
 */
final class IdentityKey {
  private final Object perspective;
  private final Object object;

  IdentityKey(Object perspective, Object object) {
    this.perspective = perspective;
    this.object = object;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityKey k && k.object == object && k.perspective == perspective;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(object) * 31 + System.identityHashCode(perspective);
  }
}
