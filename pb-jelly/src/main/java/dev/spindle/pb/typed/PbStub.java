package dev.spindle.pb.typed;

import dev.spindle.pb.RemoteReference;

/** A generated client stub: a remote interface implemented over a {@link RemoteReference}. */
public interface PbStub {
  /**
   * {@return the reference the stub calls (for {@code release}, {@code withTimeout}, disconnect
   * hooks)}
   */
  RemoteReference reference();
}
