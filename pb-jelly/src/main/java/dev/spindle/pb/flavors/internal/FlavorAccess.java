package dev.spindle.pb.flavors.internal;

import dev.spindle.pb.flavors.RemoteCache;
import java.util.Objects;

/**
 * Lets the broker bind a {@link RemoteCache} it creates to its {@link RemoteCacheLink} without a
 * public setter (the JDK's {@code SharedSecrets} pattern): {@code RemoteCache} installs the
 * accessor when its class initializes, which has happened once an instance exists.
 */
public final class FlavorAccess {
  /** Binds and reads a cache's link. */
  public interface RemoteCacheAccess {
    /** Binds {@code cache} to {@code link}; a cache is bound once. */
    void bind(RemoteCache cache, RemoteCacheLink link);

    /** The link of {@code cache}, or null if it was never received. */
    RemoteCacheLink link(RemoteCache cache);

    /** Calls the cache's {@code setCopyableState(Object)} with the state as received. */
    void setState(RemoteCache cache, Object state);
  }

  private static volatile RemoteCacheAccess remoteCacheAccess;

  private FlavorAccess() {}

  /** Installed by {@link RemoteCache}'s static initializer. */
  public static void setRemoteCacheAccess(RemoteCacheAccess access) {
    remoteCacheAccess = Objects.requireNonNull(access, "access");
  }

  /** The accessor; {@code RemoteCache} is initialized once any instance exists. */
  public static RemoteCacheAccess remoteCache() {
    RemoteCacheAccess a = remoteCacheAccess;
    if (a == null) {
      try {
        Class.forName(RemoteCache.class.getName(), true, RemoteCache.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = remoteCacheAccess;
    }
    return a;
  }
}
