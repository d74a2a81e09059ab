package dev.spindle.pb.broker;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Broker.Transport;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.ViewPoint;
import dev.spindle.pb.flavors.internal.FlavorBroker;
import dev.spindle.pb.jelly.Jellier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The jelly contexts of a {@link Broker}: serializing a message (Referenceables, view points and
 * Cacheables registered as they are written and undone if the message is not sent; Twisted's
 * {@code jellier.invoker}) and unserializing one (what the PB unjelly handlers see of the
 * broker; references released if the message is not delivered). Event-loop confined.
 */
abstract class BrokerJelly extends BrokerState implements FlavorBroker {
  /** The message being serialized or unserialized (saved and restored around nested ones). */
  Outgoing outgoing;
  Incoming incoming;

  BrokerJelly(BrokerConfig config, Transport transport, ReferenceFactory references) {
    super(config, transport, references);
  }

  /** Forgets one count of an exported object (see {@link BrokerDispatch}). */
  abstract void decref(Local lob);

  /** Forgets one copy of a Cacheable the peer held (see {@link BrokerDispatch}). */
  abstract boolean decache(CachedLocal c);

  // ---- serialization (FlavorBroker) ---------------------------------------------------------

  @Override
  public Object serializingPerspective() {
    return outgoing == null ? null : outgoing.perspective;
  }

  @Override
  public Sexp jellyReferenceable(Object referenceable) {
    MethodTable.of(referenceable.getClass()).check(Kind.REMOTE);
    Local lob = registerReference(new IdentityKey(null, referenceable), Kind.REMOTE, referenceable,
        null, referenceable);
    return Sexp.list(Wire.REMOTE_ATOM, Sexp.integer(lob.luid));
  }

  @Override
  public Sexp jellyViewPoint(Object perspective, Object viewable) {
    MethodTable.of(viewable.getClass()).check(Kind.VIEW);
    IdentityKey key = new IdentityKey(perspective, viewable);
    Local lob = luids.get(key);
    Object exported = lob != null ? lob.exported : new ViewPoint(perspective, viewable);
    lob = registerReference(key, Kind.VIEW, viewable, perspective, exported);
    return Sexp.list(Wire.REMOTE_ATOM, Sexp.integer(lob.luid));
  }

  /**
   * Exports {@code target}, called as {@code kind} on behalf of {@code perspective}, and returns
   * {@code ["remote", luid]}; {@code cleanup} runs once the peer's last reference is gone or the
   * connection is lost (an avatar's logout). Same as {@link #jellyExported(Object, Object, Kind,
   * Object, Runnable)} with {@code perspective} as the identity.
   */
  public Sexp jellyExported(Object target, Kind kind, Object perspective, Runnable cleanup) {
    return jellyExported(perspective, target, kind, perspective, cleanup);
  }

  /**
   * Exports {@code target}, called as {@code kind} on behalf of {@code perspective}, and returns
   * {@code ["remote", luid]}; for the login layer's avatar references. The entry is found again
   * by ({@code identity}, {@code target}): {@code null} shares the entry of the plain
   * Referenceable {@code target}; a fresh object per login gives each login its own luid, as
   * Twisted's {@code AsReferenceable(avatar, "perspective")} does. {@code cleanup} (may be null)
   * runs once the peer's last reference to the entry is gone or the connection is lost; if the
   * entry already has one, both run, the earlier first. A {@code ["local", luid]} coming back
   * resolves to {@code target}.
   *
   * @throws IllegalArgumentException if {@code target}'s class cannot be called as {@code kind}
   * @throws PbError if the reference table is full (Twisted's {@code MAX_BROKER_REFS})
   */
  public Sexp jellyExported(Object identity, Object target, Kind kind, Object perspective,
      Runnable cleanup) {
    MethodTable.of(target.getClass()).check(kind);
    Local lob = registerReference(new IdentityKey(identity, target), kind, target, perspective, target);
    if (cleanup != null) {
      Runnable earlier = lob.cleanup;
      lob.cleanup = earlier == null ? cleanup : () -> {
        try {
          earlier.run();
        } finally {
          cleanup.run();
        }
      };
    }
    return Sexp.list(Wire.REMOTE_ATOM, Sexp.integer(lob.luid));
  }

  /**
   * Counts one more reference to an exported object, registering it under a new luid the first
   * time: Twisted's {@code registerReference}, with its {@code MAX_BROKER_REFS} check.
   */
  Local registerReference(IdentityKey key, Kind kind, Object target, Object perspective,
      Object exported) {
    Local lob = luids.get(key);
    if (lob == null) {
      if (names.size() + localObjects.size() > config.maxBrokerRefs()) {
        throw refuse("Maximum PB reference count exceeded.");
      }
      long luid = ++currentLocalId;
      lob = new Local(luid, kind, target, perspective, exported, key);
      localObjects.put(luid, lob);
      luids.put(key, lob);
    } else {
      lob.refcount++;
    }
    Local counted = lob;
    undoable(() -> {
      if (localObjects.get(counted.luid) == counted) {
        decref(counted);
      }
    });
    return lob;
  }

  /** A refused registration; the fourth and later also close the connection, as Twisted does. */
  PbError refuse(String message) {
    if (++maxBrokerRefsViolations > 3) {
      message += "  Goodbye.";
      if (goodbye == null) {
        goodbye = new PbProtocolException(message + " (the peer holds too many references)");
      }
    }
    return new PbError(message);
  }

  void closeIfGoodbye() {
    if (goodbye != null && !disconnected) {
      transport.close(goodbye);
    }
  }

  @Override
  public boolean isNewCacheable(Object cacheable) {
    return !remotelyCachedLuids.containsKey(cacheable);
  }

  @Override
  public Sexp jellyCacheable(Object flavor, Jellier jellier) {
    Cacheable cacheable = (Cacheable) flavor;
    CachedLocal c = remotelyCachedLuids.get(cacheable);
    if (c != null) {
      c.count++;
      CachedLocal counted = c;
      undoable(() -> {
        if (remotelyCachedObjects.get(counted.luid) == counted) {
          decache(counted);
        }
      });
      return Sexp.list(Wire.CACHED_ATOM, Sexp.integer(c.luid));
    }
    long luid = ++currentLocalId; // taken even when refused, as in Twisted
    if (remotelyCachedObjects.size() > config.maxBrokerRefs()) {
      throw refuse("Maximum PB cache count exceeded.");
    }
    Object perspective = serializingPerspective();
    CacheObserver observer = new CacheObserver(self(), cacheable, perspective);
    CachedLocal added = new CachedLocal(luid, cacheable, observer);
    remotelyCachedObjects.put(luid, added);
    remotelyCachedLuids.put(cacheable, added);
    undoable(() -> {
      if (remotelyCachedObjects.get(added.luid) == added) {
        decache(added);
      }
    });
    String type = cacheable.getTypeToCopyFor(perspective);
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException(cacheable.getClass().getName()
          + ".getTypeToCopyFor: " + type + " (expected: a type name)");
    }
    Object state = cacheable.getStateToCacheAndObserveFor(perspective, observer);
    return Sexp.list(new Sexp.Bytes(type.getBytes(StandardCharsets.UTF_8)), Sexp.integer(luid),
        jellier.jelly(state));
  }

  void undoable(Runnable undo) {
    Outgoing out = outgoing;
    if (out != null) {
      if (out.undo == null) {
        out.undo = new ArrayList<>(4);
      }
      out.undo.add(undo);
    }
  }

  // ---- unserialization (the PB unjelly handlers) ---------------------------------------------

  /** The perspective the current message is unserialized for (the target's, for a call). */
  public Object unserializingPerspective() {
    return incoming == null ? null : incoming.perspective;
  }

  /**
   * Registers {@code undo} to run if the value being unjellied is not delivered: the rest of the
   * message failed to unjelly, or the call's arguments did not bind. Used to release references
   * made along the way.
   */
  public void onUnjellyFailure(Runnable undo) {
    Incoming in = incoming;
    if (in != null) {
      if (in.undo == null) {
        in.undo = new ArrayList<>(4);
      }
      in.undo.add(undo);
    }
  }

  /** {@code [typeName, luid, state]}: a new RemoteCache from the peer, one copy held. */
  ImportedCache cacheLocally(long luid, RemoteCache cache) {
    ImportedCache ic = new ImportedCache(self(), luid, cache);
    ImportedCache old = locallyCachedObjects.put(luid, ic);
    if (old != null) {
      old.detached = true;
    }
    onUnjellyFailure(ic::releaseOne);
    return ic;
  }

  /** {@code ["cached", luid]}: one more copy of a RemoteCache held, or null if unknown. */
  RemoteCache cachedLocallyAs(long luid) {
    ImportedCache ic = locallyCachedObjects.get(luid);
    if (ic == null) {
      return null;
    }
    ic.copies.incrementAndGet();
    onUnjellyFailure(ic::releaseOne);
    return ic.cache;
  }

  /** {@code ["lcache", luid]}: this side's Cacheable, or null if the peer holds no such copy. */
  Cacheable remotelyCachedForLuid(long luid) {
    CachedLocal c = remotelyCachedObjects.get(luid);
    return c == null ? null : c.cacheable;
  }

  /** One outgoing message's serialization; its registrations are undone if it is not sent. */
  final class Outgoing {
    final Object perspective;
    ArrayList<Runnable> undo;

    Outgoing(Object perspective) {
      this.perspective = perspective;
    }

    Sexp jelly(Object value) {
      Outgoing saved = outgoing;
      outgoing = this;
      try {
        return registry.newJellier(BrokerJelly.this).jelly(value);
      } finally {
        outgoing = saved;
      }
    }

    void rollback() {
      if (undo != null) {
        for (int i = undo.size() - 1; i >= 0; i--) {
          undo.get(i).run();
        }
        undo = null;
      }
    }
  }

  /** One incoming message's unserialization; what it created is released if it is not used. */
  final class Incoming {
    Object perspective;
    ArrayList<Runnable> undo;

    Object unjelly(Sexp sexp, Object perspective) {
      Incoming saved = incoming;
      incoming = this;
      this.perspective = perspective;
      try {
        return registry.newUnjellier(BrokerJelly.this).unjelly(sexp);
      } finally {
        incoming = saved;
      }
    }

    void rollback() {
      if (undo != null) {
        List<Runnable> u = undo;
        undo = null;
        for (int i = u.size() - 1; i >= 0; i--) {
          try {
            u.get(i).run();
          } catch (RuntimeException e) {
            logger.debug("releasing an unused reference failed", e);
          }
        }
      }
    }
  }
}
