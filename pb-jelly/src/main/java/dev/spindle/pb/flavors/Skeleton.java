package dev.spindle.pb.flavors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A generated server skeleton: the broker binds a call's arguments to the method's Python
 * signature (registered with {@link SkeletonMethods}), then calls {@link #dispatch} instead of a
 * reflective handle. Implemented by generated {@code <Interface>_PbSkeleton} classes only.
 */
public interface Skeleton {
  /**
   * Calls method number {@code method} of the registered {@link SkeletonMethods} with {@code
   * args}, one converted value per Java parameter; returns its result (null for void).
   *
   * @param method the method's index in the registered {@link SkeletonMethods#methods()}
   * @param args the converted arguments, one per Java parameter
   * @return the method's result, {@code null} for void, or a {@link CompletionStage}
   * @throws Throwable whatever the method throws, reported to the peer as a failure
   */
  Object dispatch(int method, Object[] args) throws Throwable;

  /**
   * The object whose methods this skeleton calls, or null if it has no single one (a view): what
   * a parameter typed as the remote interface receives when the peer sends this skeleton back.
   *
   * @return the target object, or {@code null}
   */
  default Object target() {
    return null;
  }

  /**
   * What a skeleton returns for a method's {@code stage}: its value if it completed normally
   * already (so the broker answers at once, as for a plain value), else the stage itself.
   *
   * @param stage what the method returned
   * @return the stage's value if it completed normally already, else {@code stage}
   */
  static Object settled(CompletionStage<?> stage) {
    if (stage instanceof CompletableFuture<?> f && f.isDone() && !f.isCompletedExceptionally()) {
      return f.join();
    }
    return stage;
  }
}
