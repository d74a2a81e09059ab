package dev.spindle.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The I/O transport of the event loops an endpoint creates for itself: Netty's NIO, or its native
 * epoll or io_uring transports on Linux. {@link #AUTO} (the default) takes epoll where it works,
 * then io_uring, then NIO; the system property {@value #PROPERTY} ({@code auto}, {@code nio},
 * {@code epoll} or {@code io_uring}) or the builders' {@code ioTransport} option forces one. A
 * forced native transport that the platform lacks fails the build of the endpoint with its cause
 * (no silent fallback); {@link #AUTO} falls back silently.
 *
 * <p>Only for the endpoint's own loops: a group given with {@code eventLoopGroup} is used as it is.
 */
public enum IoTransport {
  /** The system property's choice if set, else the first of epoll, io_uring and NIO that works. */
  AUTO,
  /** Java NIO: everywhere. */
  NIO,
  /** Netty's epoll transport (Linux, x86_64 or aarch64). */
  EPOLL,
  /** Netty's io_uring transport (a recent Linux kernel that allows io_uring; x86_64 or aarch64). */
  IO_URING;

  /** The system property that forces a transport for {@link #AUTO}: auto, nio, epoll, io_uring. */
  public static final String PROPERTY = "spindle.transport";

  /**
   * True if this transport works here ({@link #AUTO} and {@link #NIO} always do).
   *
   * @return true if event loops of this transport can be made here
   */
  public boolean isAvailable() {
    return unavailabilityCause() == null;
  }

  /**
   * Why this transport does not work here, or null if it does.
   *
   * @return the reason, such as Netty's or a missing class's error; null if available
   */
  public Throwable unavailabilityCause() {
    try {
      switch (this) {
        case EPOLL:
          return Epoll.unavailabilityCause();
        case IO_URING:
          return IoUring.unavailabilityCause();
        default:
          return null;
      }
    } catch (LinkageError e) {
      return e; // the transport's classes are not on the class path
    }
  }

  /**
   * The concrete transport this one stands for: {@link #AUTO} resolved through the system property
   * and availability, any other itself.
   *
   * @return {@link #NIO}, {@link #EPOLL} or {@link #IO_URING}, never {@link #AUTO}
   * @throws IllegalArgumentException if the system property names no transport
   */
  public IoTransport resolve() {
    if (this != AUTO) {
      return this;
    }
    String forced = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    switch (forced) {
      case "":
      case "auto":
        break;
      case "nio":
        return NIO;
      case "epoll":
        return EPOLL;
      case "io_uring":
      case "iouring":
      case "io-uring":
        return IO_URING;
      default:
        throw new IllegalArgumentException(
            "-D" + PROPERTY + "=" + forced + " (expected: auto, nio, epoll or io_uring)");
    }
    if (EPOLL.isAvailable()) {
      return EPOLL;
    }
    return IO_URING.isAvailable() ? IO_URING : NIO;
  }

  /**
   * Creates an event-loop group of this transport ({@link #resolve() resolved}), which the caller
   * shuts down.
   *
   * @param threads the number of event loops; 0 for Netty's default (twice the cores)
   * @return a new group, owned by the caller
   * @throws IllegalStateException if the transport is forced but does not work here (its cause
   *     attached)
   * @throws IllegalArgumentException if {@code threads} is negative or the system property names no
   *     transport
   */
  public EventLoopGroup newEventLoopGroup(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: >= 0)");
    }
    return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
  }

  /**
   * {@link #newEventLoopGroup(int)} with the threads {@code threadFactory} makes.
   *
   * @param threads the number of event loops; 0 for Netty's default (twice the cores)
   * @param threadFactory makes the event loops' threads; not null
   * @return a new group, owned by the caller
   * @throws IllegalArgumentException if {@code threads} is negative or the system property names no
   *     transport
   * @throws IllegalStateException if the transport is forced but does not work here
   */
  public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads: " + threads + " (expected: >= 0)");
    }
    return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
  }

  /**
   * Netty's factory of I/O handlers for this transport ({@link #resolve() resolved}).
   *
   * @return a new factory for Netty's {@code MultiThreadIoEventLoopGroup}
   * @throws IllegalStateException if the transport is forced but does not work here (its cause
   *     attached)
   * @throws IllegalArgumentException if the system property names no transport
   */
  public IoHandlerFactory ioHandlerFactory() {
    IoTransport t = resolve();
    Throwable cause = t.unavailabilityCause();
    if (cause != null) {
      throw new IllegalStateException(
          "I/O transport " + t + " is not available here: " + cause, cause);
    }
    switch (t) {
      case EPOLL:
        return EpollIoHandler.newFactory();
      case IO_URING:
        return IoUringIoHandler.newFactory();
      default:
        return NioIoHandler.newFactory();
    }
  }
}
