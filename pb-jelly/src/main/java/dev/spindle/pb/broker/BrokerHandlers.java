package dev.spindle.pb.broker;

import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.jelly.JellyAttributeException;
import dev.spindle.pb.jelly.JellyKeyException;
import dev.spindle.pb.jelly.MalformedJellyException;
import dev.spindle.pb.jelly.UnjellyHandler;
import dev.spindle.pb.jelly.Unjellier;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The unjelly handlers of PB's heads: {@code remote}, {@code local}, {@code cached}, {@code
 * lcache}, {@code twisted.spread.pb.CopyableFailure} and each registered RemoteCache type. Each
 * finds its broker as the unjellier's invoker. Twisted equivalent: the classes and functions that
 * {@code pb} and {@code flavors} register with {@code setUnjellyableForClass}.
 */
final class BrokerHandlers {
  private BrokerHandlers() {}

  static Broker broker(Unjellier u, String head) {
    if (u.invoker() instanceof Broker b) {
      return b;
    }
    throw new MalformedJellyException(head + ": only a PB connection can unjelly it");
  }

  private static long luid(Sexp.SList l, String head) {
    if (l.size() != 2 || !(l.get(1) instanceof Sexp.Int i)) {
      throw new MalformedJellyException(head + ": " + l.size() + " elements (expected: [\"" + head + "\", luid])");
    }
    return i.value();
  }

  /**
   * {@code ["remote", luid]}: a counted reference to the peer's object, made by the broker's
   * factory.
   */
  static final UnjellyHandler REMOTE = (l, u) -> {
    Broker b = broker(u, Wire.REMOTE);
    if (l.size() != 2) {
      throw new MalformedJellyException("remote: " + l.size() + " elements (expected: [\"remote\", luid])");
    }
    Object luid;
    if (l.get(1) instanceof Sexp.Int i) {
      luid = i.value();
    } else if (l.get(1) instanceof Sexp.Bytes name) {
      luid = new String(name.value(), StandardCharsets.UTF_8);
    } else {
      throw new MalformedJellyException("remote: luid " + l.get(1) + " (expected: an integer)");
    }
    return b.references().create(b, luid, b.unserializingPerspective());
  };

  /** {@code ["local", luid]}: this side's object, or null if the luid is no longer registered. */
  static final UnjellyHandler LOCAL = (l, u) -> {
    Broker b = broker(u, Wire.LOCAL);
    if (l.size() != 2) {
      throw new MalformedJellyException("local: " + l.size() + " elements (expected: [\"local\", luid])");
    }
    return b.localObjectForId(l.get(1));
  };

  /** {@code ["cached", luid]}: one more copy of a RemoteCache held. */
  static final UnjellyHandler CACHED = (l, u) -> {
    Broker b = broker(u, Wire.CACHED);
    long luid = luid(l, Wire.CACHED);
    RemoteCache cache = b.cachedLocallyAs(luid);
    if (cache == null) {
      throw new JellyKeyException("cached: no cache " + luid + " here (Twisted: KeyError: " + luid + ")");
    }
    return cache;
  };

  /** {@code ["lcache", luid]}: this side's Cacheable sent back. */
  static final UnjellyHandler LCACHE = (l, u) -> {
    Broker b = broker(u, Wire.LCACHE);
    long luid = luid(l, Wire.LCACHE);
    Cacheable c = b.remotelyCachedForLuid(luid);
    if (c == null) {
      throw new JellyKeyException("lcache: the peer holds no cache " + luid + " (Twisted: KeyError: " + luid + ")");
    }
    return c;
  };

  /**
   * {@code ["twisted.spread.pb.CopyableFailure", state]}: a {@code CopyableFailure} value (the
   * broker makes a {@code RemotePbException} of it when it is a call's error).
   */
  static UnjellyHandler copyableFailure(Function<? super RemotePbException, ?> asValue) {
    return (l, u) -> {
      if (l.size() != 2) {
        throw new MalformedJellyException(Wire.COPYABLE_FAILURE + ": " + l.size()
            + " elements (expected: 2, the type and the state)");
      }
      return asValue.apply(Failures.fromState(u.unjelly(l.get(1))));
    };
  }

  /** {@code [typeName, luid, state]}: a new RemoteCache made by {@code factory}. */
  static UnjellyHandler cache(String typeName, Supplier<? extends RemoteCache> factory) {
    return (l, u) -> {
      Broker b = broker(u, typeName);
      if (l.size() != 3 || !(l.get(1) instanceof Sexp.Int luid)) {
        throw new MalformedJellyException(typeName + ": " + l.size()
            + " elements (expected: [typeName, luid, state], a Cacheable's first sending)");
      }
      RemoteCache cache = factory.get();
      if (cache == null) {
        throw new MalformedJellyException(typeName + ": the RemoteCache factory returned null");
      }
      ImportedCache link = b.cacheLocally(luid.value(), cache);
      u.bindBlank(cache);
      Object state = u.unjelly(l.get(2));
      try {
        cache.unjellyFor(link, state);
      } catch (JellyAttributeException e) {
        // Twisted's RemoteCopy.setCopyableState: AttributeError; the message names the class, and here the type.
        throw new JellyAttributeException(typeName + ": " + e.getMessage());
      } catch (MalformedJellyException e) {
        // setCopyableState refused the state; the message names the class, and here the type.
        throw new MalformedJellyException(typeName + ": " + e.getMessage(), e.getCause());
      }
      return cache;
    };
  }
}
