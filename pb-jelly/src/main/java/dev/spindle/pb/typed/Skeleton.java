package dev.spindle.pb.typed;

/**
 * A generated server skeleton: the broker binds a call's arguments to the method's Python
 * signature (registered with {@link SkeletonMethods}), then calls {@link #dispatch} instead of a
 * reflective handle. Implemented by generated {@code <Interface>_PbSkeleton} classes only.
 */
public interface Skeleton {
  /**
   * Calls method number {@code method} of the registered {@link SkeletonMethods} with {@code
   * args}, one converted value per Java parameter; returns its result (null for void).
   */
  Object dispatch(int method, Object[] args) throws Throwable;
}
