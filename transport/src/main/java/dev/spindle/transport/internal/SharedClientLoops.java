package dev.spindle.transport.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of every client built without a group: one NIO group per JVM (Netty's default
 * size, twice the cores), created when the first such client is built, with daemon threads, and
 * shut down when the last one closes (the next client creates it again). As grpc-java shares its
 * default worker group through {@code SharedResourceHolder}: a program that opens a client per
 * task does not pay a thread pool per client, and a client left open does not keep the JVM
 * alive. Servers keep a group of their own, non-daemon, as a Twisted reactor keeps the process
 * running. Thread-safe.
 */
final class SharedClientLoops {
  private static EventLoopGroup group; // guarded by SharedClientLoops.class
  private static int users; // guarded by SharedClientLoops.class

  private SharedClientLoops() {}

  /** The shared group, created if no client holds it; each call needs one {@link #release}. */
  static synchronized EventLoopGroup acquire() {
    if (group == null) {
      group = new MultiThreadIoEventLoopGroup(
          0, new DefaultThreadFactory("spindle-client", true), NioIoHandler.newFactory());
    }
    users++;
    return group;
  }

  /**
   * Gives back a group {@link #acquire} returned; the last user's release shuts it down and
   * returns its termination future.
   */
  static synchronized Future<?> release(EventLoopGroup g) {
    if (g != group || users == 0) {
      throw new IllegalStateException("not the shared client group, or released too often");
    }
    if (--users > 0) {
      return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }
    group = null;
    return g.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
