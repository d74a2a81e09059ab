package dev.spindle.transport.internal;

import dev.spindle.transport.IoTransport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of every client built without a group: one group per JVM and I/O transport
 * ({@link IoTransport}, resolved: epoll, io_uring or NIO; Netty's default size, twice the cores),
 * created when the first such client is built, with daemon threads, and shut down when the last
 * one closes (the next client creates it again). As grpc-java shares its
 * default worker group through {@code SharedResourceHolder}: a program that opens a client per
 * task does not pay a thread pool per client, and a client left open does not keep the JVM
 * alive. Servers keep a group of their own, non-daemon, as a Twisted reactor keeps the process
 * running. Thread-safe.
 */
final class SharedClientLoops {
  private static final Map<IoTransport, EventLoopGroup> groups = new EnumMap<>(IoTransport.class);
  private static final Map<IoTransport, Integer> users = new EnumMap<>(IoTransport.class);
  // both guarded by SharedClientLoops.class

  private SharedClientLoops() {}

  /**
   * The shared group of {@code transport}, created if no client holds it; each call needs one
   * {@link #release}.
   *
   * @throws IllegalStateException if {@code transport} is forced but not available here
   */
  static synchronized EventLoopGroup acquire(IoTransport transport) {
    IoTransport t = transport.resolve();
    EventLoopGroup group = groups.get(t);
    if (group == null) {
      group = t.newEventLoopGroup(0, new DefaultThreadFactory("spindle-client", true));
      groups.put(t, group);
    }
    users.merge(t, 1, Integer::sum);
    return group;
  }

  /**
   * Gives back a group {@link #acquire} returned; the last user's release shuts it down and
   * returns its termination future.
   */
  static synchronized Future<?> release(EventLoopGroup g) {
    for (Map.Entry<IoTransport, EventLoopGroup> e : groups.entrySet()) {
      if (e.getValue() != g) {
        continue;
      }
      IoTransport t = e.getKey();
      int left = users.get(t) - 1;
      if (left > 0) {
        users.put(t, left);
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
      }
      users.remove(t);
      groups.remove(t);
      return g.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
    throw new IllegalStateException("not a shared client group, or released too often");
  }
}
