package dev.spindle.pb.broker;

/** Checks classes against the remote-method rules ahead of use, for the layer above. */
public final class Methods {
  private Methods() {}

  /**
   * Checks that objects of {@code type} can be called as {@code kind}: builds (and caches) its
   * method table.
   *
   * @throws IllegalArgumentException naming the problem (an overload, a misplaced {@code
   *     @Keywords}, an inaccessible method)
   */
  public static void check(Class<?> type, Kind kind) {
    MethodTable.of(type).check(kind);
  }
}
