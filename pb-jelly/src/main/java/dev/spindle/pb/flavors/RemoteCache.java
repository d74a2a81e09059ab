package dev.spindle.pb.flavors;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.flavors.internal.RemoteCacheLink;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.JellyAttributeException;
import dev.spindle.pb.jelly.JellyException;
import dev.spindle.pb.jelly.Jellyable;
import dev.spindle.pb.jelly.MalformedJellyException;
import dev.spindle.pb.jelly.PythonTypes;
import java.util.Map;
import java.util.Objects;

/**
 * This side's copy of a peer's {@link Cacheable}. Subclass it, give the constructor no arguments,
 * read the state in {@link #setCopyableState(Object)} (any state) or {@link
 * #setCopyableState(Map)} (a dictionary), and write {@code observe_<name>} (or {@link Remote}
 * annotated) methods for the owner's updates; register the subclass under the peer's type name
 * with {@code remoteCache(typeName, MyCache::new)} on the client or server builder. Twisted
 * equivalent: {@code pb.RemoteCache}.
 *
 * <pre>{@code
 * public final class RemoteCounter extends RemoteCache {
 *   volatile long value;
 *   protected void setCopyableState(Map<String, Object> state) { value = (Long) state.get("value"); }
 *   public void observe_setValue(long v) { value = v; }
 * }
 * }</pre>
 *
 * <p>Typed: a subclass that implements a {@link dev.spindle.pb.typed.RemoteInterface remote
 * interface} declares no {@code observe_} methods; the interface's methods are its {@code
 * observe_} methods, dispatched by the generated {@code <Interface>_PbSkeleton} with no
 * reflection per call, and the owner calls them through {@code <Interface>_PbStub.observer}. One
 * remote interface per class (it may extend others), and no {@code observe_} methods beside it.
 *
 * <pre>{@code
 * public final class RemoteCounter extends RemoteCache implements Counter { // @RemoteInterface
 *   volatile long value;
 *   protected void setCopyableState(Map<String, Object> state) { value = (Long) state.get("value"); }
 *   public void setValue(long v) { value = v; } // observe_setValue
 * }
 * }</pre>
 *
 * <p>Copies: every time the peer sends the cache, the first time and as {@code ["cached", luid]}
 * afterwards, this same instance is returned and counts one more copy (Twisted makes a new
 * "borg" object sharing the state). Give each back with {@link #release()}, which sends one
 * {@code decache}, like a Netty reference count; when all are back the owner stops observing.
 * Java has no reference-counting collector, so there is no automatic release: the broker keeps
 * the instance until the owner's {@code uncache} or the connection's end. Sent back to its owner
 * it is {@code ["lcache", luid]}, which the owner resolves to the original object.
 *
 * <p>{@code setCopyableState} and the {@code observe_} methods run on the connection's event loop;
 * fields read from other threads should be volatile. {@link #release()} is thread-safe.
 */
public abstract class RemoteCache implements Jellyable {
  private volatile RemoteCacheLink link;

  /** For subclasses; no arguments, as PB creates the instance. */
  protected RemoteCache() {}

  /**
   * Receives the state the owner sent ({@code getStateToCacheAndObserveFor}), whatever its Jelly
   * type: a dictionary, a list (Twisted's duck pond howto sends {@code self.ducks}), a string...
   * Called once, before the instance is returned. Override this one to take any state, as a
   * Twisted {@code setCopyableState} does:
   *
   * <pre>{@code
   * protected void setCopyableState(Object state) { ducks = new ArrayList<>((List<?>) state); }
   * }</pre>
   *
   * <p>The default does what Twisted's default ({@code self.__dict__ = state}) accepts: a
   * dictionary, handed to {@link #setCopyableState(Map)} with bytes keys decoded; anything else
   * is refused as Twisted's {@code RemoteCopy.setCopyableState} refuses it, with {@code
   * AttributeError} ({@link JellyAttributeException}).
   *
   * @param state the owner's state as unjellied, of any Jelly type
   */
  protected void setCopyableState(Object state) {
    if (!(state instanceof Map)) {
      throw new JellyAttributeException("'" + PythonTypes.name(state) + "' object has no attribute 'items'"
          + " (Twisted's RemoteCopy.setCopyableState: AttributeError; override setCopyableState(Object)"
          + " to take any state)");
    }
    setCopyableState(PythonTypes.attributes(state));
  }

  /**
   * Receives a dictionary state as attribute names, Python byte-string keys already decoded
   * (called by the default {@link #setCopyableState(Object)}). Override one of the two; the
   * default refuses, naming this class.
   *
   * @param state the attributes, by name
   */
  protected void setCopyableState(Map<String, Object> state) {
    throw new UnsupportedOperationException(getClass().getName()
        + " overrides neither setCopyableState(Object) nor setCopyableState(Map)");
  }

  /**
   * Binds this new instance to the cache its broker received ({@code link}, which the broker
   * implements), then gives it the owner's {@code state} ({@link #setCopyableState(Object)}). PB
   * calls it once per instance, on the event loop, while it unjellies {@code [typeName, luid,
   * state]}: Twisted's {@code RemoteCache.unjellyFor}. Not for applications.
   *
   * @param link the broker's record of the received cache
   * @param state the owner's state as unjellied
   * @throws IllegalStateException if this instance is already bound to a cache (the factory must
   *     return a new instance each time)
   * @throws MalformedJellyException if {@code setCopyableState} refuses the state
   */
  public final void unjellyFor(RemoteCacheLink link, Object state) {
    Objects.requireNonNull(link, "link");
    if (this.link != null) {
      throw new IllegalStateException(getClass().getName()
          + ": this RemoteCache instance is already bound to a cache (expected: the factory returns a new instance each time)");
    }
    this.link = link;
    try {
      setCopyableState(state);
    } catch (JellyAttributeException e) {
      throw new JellyAttributeException(getClass().getName() + ".setCopyableState refused the state: "
          + e.getMessage());
    } catch (RuntimeException e) {
      throw new MalformedJellyException(
          getClass().getName() + ".setCopyableState refused the state: " + e, e);
    }
  }

  /**
   * Gives back one copy received from the peer, sending one {@code decache}; once every copy is
   * back the owner calls {@code stoppedObserving} and answers {@code uncache}. Does nothing once
   * all copies are released or the connection is gone. Thread-safe.
   */
  public final void release() {
    RemoteCacheLink l = link;
    if (l != null) {
      l.release();
    }
  }

  /** {@return the copies received and not yet released (0 for an instance never received)} */
  public final int copies() {
    RemoteCacheLink l = link;
    return l == null ? 0 : l.copies();
  }

  /** Writes {@code ["lcache", luid]}: only to the connection the cache came from. */
  @Override
  public final Sexp jellyFor(Jellier jellier) {
    RemoteCacheLink l = link;
    if (l == null || l.broker() != jellier.invoker()) {
      throw new JellyException(getClass().getName()
          + ": a RemoteCache can only be sent back over the connection it came from");
    }
    return Sexp.list(Sexp.ascii("lcache"), Sexp.integer(l.luid()));
  }

  /** False: written again at each occurrence. */
  @Override
  public final boolean tracksIdentity(Jellier jellier) {
    return false;
  }
}
