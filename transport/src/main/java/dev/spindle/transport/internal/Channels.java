package dev.spindle.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandler;
import io.netty.channel.ServerChannel;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The channel classes that fit an event-loop group: a group and its channel factory go as a pair
 * (grpc-java's {@code assertEventLoopsAndChannelType}), so a user's epoll, io_uring, kqueue or
 * local group works instead of failing registration with "incompatible event loop type".
 */
public final class Channels {
  private static final String[][] NATIVE = {
    // IoHandler, client channel, server channel
    {"io.netty.channel.epoll.EpollIoHandler",
        "io.netty.channel.epoll.EpollSocketChannel", "io.netty.channel.epoll.EpollServerSocketChannel"},
    {"io.netty.channel.uring.IoUringIoHandler",
        "io.netty.channel.uring.IoUringSocketChannel", "io.netty.channel.uring.IoUringServerSocketChannel"},
    {"io.netty.channel.kqueue.KQueueIoHandler",
        "io.netty.channel.kqueue.KQueueSocketChannel", "io.netty.channel.kqueue.KQueueServerSocketChannel"},
  };

  private Channels() {}

  /**
   * The client channel class for {@code group}.
   *
   * @param group the event loops the channel is to be registered with
   * @return the matching socket channel class; NIO's unless the group says otherwise
   * @throws IllegalArgumentException if the group's I/O type has no known channel class
   */
  public static Class<? extends Channel> socketChannel(EventLoopGroup group) {
    return pick(group, false).asSubclass(Channel.class);
  }

  /**
   * The server channel class for {@code group}.
   *
   * @param group the event loops the channel is to be registered with
   * @return the matching server channel class; NIO's unless the group says otherwise
   * @throws IllegalArgumentException if the group's I/O type has no known channel class
   */
  public static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
    return pick(group, true).asSubclass(ServerChannel.class);
  }

  private static Class<?> pick(EventLoopGroup group, boolean server) {
    if (!(group instanceof IoEventLoopGroup g) || g.isIoType(NioIoHandler.class)) {
      return server ? NioServerSocketChannel.class : NioSocketChannel.class;
    }
    if (g.isIoType(LocalIoHandler.class)) {
      return server ? LocalServerChannel.class : LocalChannel.class;
    }
    for (String[] n : NATIVE) {
      Class<? extends IoHandler> handler = load(n[0], group, IoHandler.class);
      if (handler != null && g.isIoType(handler)) {
        return load(server ? n[2] : n[1], group, Channel.class);
      }
    }
    throw new IllegalArgumentException(
        "no known channel class for the I/O type of " + group
            + " (expected: NIO, epoll, io_uring, kqueue or local)");
  }

  private static <T> Class<? extends T> load(String name, EventLoopGroup group, Class<T> type) {
    try {
      return Class.forName(name, false, group.getClass().getClassLoader()).asSubclass(type);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
