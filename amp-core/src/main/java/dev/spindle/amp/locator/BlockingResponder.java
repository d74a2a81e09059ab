package dev.spindle.amp.locator;

import dev.spindle.amp.box.AmpBox;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A responder declared {@link dev.spindle.transport.Blocking}: the dispatcher runs it on the
 * endpoint's {@link dev.spindle.transport.BlockingExecutor}, not on the event loop, and writes its
 * answer back through the loop. {@link CommandLocator#of(Object)} returns these for responder
 * methods and classes annotated {@code Blocking}; wrap a hand-written box-level responder with
 * {@link #of}. Run through {@code AmpServer} or {@code AmpClient} (whose executor it then uses) or
 * a bare {@code BoxDispatcher} (the default executor).
 */
public final class BlockingResponder implements BoxResponder {
  private final BoxResponder delegate;

  private BlockingResponder(BoxResponder delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Declares {@code responder} blocking.
   *
   * @param responder the responder to run on the blocking executor; not null
   * @return {@code responder} if it is already a {@code BlockingResponder}, else a wrapper around
   *     it
   */
  public static BlockingResponder of(BoxResponder responder) {
    return responder instanceof BlockingResponder b ? b : new BlockingResponder(responder);
  }

  /**
   * The responder itself.
   *
   * @return the wrapped responder, which the executor runs
   */
  public BoxResponder delegate() {
    return delegate;
  }

  /** Runs the responder on the calling thread (the dispatcher calls it from the executor). */
  @Override
  public CompletionStage<AmpBox> respond(AmpBox command) {
    return delegate.respond(command);
  }
}
