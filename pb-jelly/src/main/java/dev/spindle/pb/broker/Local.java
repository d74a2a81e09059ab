package dev.spindle.pb.broker;

/**
 * One exported object: Twisted's {@code pb.Local}. Its luid (or name), how it is called, the
 * peer's reference count, and what a {@code ["local", luid]} coming back resolves to.
 * Event-loop confined.
 */
final class Local {
  final long luid;
  final Kind kind;
  final Object target;
  final Object perspective;
  /** What {@code ["local", luid]} gives: the object, or the {@code ViewPoint}. */
  final Object exported;
  /** The identity this entry is found by when sent again; null for named entries. */
  final IdentityKey key;
  int refcount = 1;
  /** Runs once the entry is forgotten (last decref or connection loss): an avatar's logout. */
  Runnable cleanup;

  Local(long luid, Kind kind, Object target, Object perspective, Object exported, IdentityKey key) {
    this.luid = luid;
    this.kind = kind;
    this.target = target;
    this.perspective = perspective;
    this.exported = exported;
    this.key = key;
  }
}
