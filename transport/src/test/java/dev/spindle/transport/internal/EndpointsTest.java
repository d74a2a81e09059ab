package dev.spindle.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Event-loop groups of other I/O types, and host names looked up off the event loops. */
class EndpointsTest {
  private static final long WAIT = 10;

  @Test
  void theChannelClassesFollowTheGroupsIoType() {
    EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup local = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    try {
      assertSame(NioSocketChannel.class, Channels.socketChannel(nio));
      assertSame(NioServerSocketChannel.class, Channels.serverChannel(nio));
      assertSame(LocalChannel.class, Channels.socketChannel(local));
      assertSame(LocalServerChannel.class, Channels.serverChannel(local));
    } finally {
      nio.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      local.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  /**
   * A user's group that is not NIO: with the channel class fixed to NIO, registration failed
   * ("incompatible event loop type"); the endpoint now picks the group's own channel class.
   */
  @Test
  void aServerRunsOnAUsersGroupThatIsNotNio() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      EventLoopGroup local = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
      try {
        LinkedBlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        ServerEndpoint server = ServerEndpoint.bind(
            "test-server", local, new LocalAddress("spindle-endpoints-test"), accepted::add, IllegalStateException::new);
        Channel client = new Bootstrap().group(local).channel(LocalChannel.class)
            .handler(new ChannelInboundHandlerAdapter())
            .connect(server.address()).sync().channel();
        Channel serverSide = accepted.poll(WAIT, TimeUnit.SECONDS);
        assertNotNull(serverSide, "the server accepted the connection");
        assertTrue(serverSide instanceof LocalChannel);
        server.close();
        assertTrue(client.closeFuture().await(WAIT, TimeUnit.SECONDS), "closing the server closed its connection");
        assertFalse(local.isShutdown(), "a user's group is never shut down");
      } finally {
        local.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      }
    });
  }

  /**
   * Connecting to a host name from an event loop (as a reconnect attempt does): the lookup must
   * not block the loop, so it runs elsewhere and the connect goes on from there.
   */
  @Test
  void hostNamesAreLookedUpOffTheEventLoop() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      ServerEndpoint server = ServerEndpoint.bind(
          "test-server", group, new InetSocketAddress("127.0.0.1", 0), ch -> {}, IllegalStateException::new);
      int port = ((InetSocketAddress) server.address()).getPort();
      AtomicReference<Thread> lookedUpOn = new AtomicReference<>();
      ClientEndpoint client = new ClientEndpoint("test-client", group, (host, p) -> {
        lookedUpOn.set(Thread.currentThread());
        assertEquals("spindle-test-host", host);
        return new InetSocketAddress("127.0.0.1", p);
      }, ClientEndpoint.defaultResolverExecutor());
      try {
        CompletableFuture<Channel> connected = new CompletableFuture<>();
        group.next().execute(() -> client.connect("spindle-test-host", port, ch -> {}, IllegalStateException::new)
            .whenComplete((ch, e) -> {
              if (e != null) {
                connected.completeExceptionally(e);
              } else {
                connected.complete(ch);
              }
            }));
        Channel ch = connected.get(WAIT, TimeUnit.SECONDS);
        assertTrue(ch.isActive());
        assertNotNull(lookedUpOn.get());
        assertFalse(group.next().inEventLoop(lookedUpOn.get()), "looked up on an event loop: " + lookedUpOn.get());
        // An IP literal needs no lookup.
        lookedUpOn.set(null);
        client.connect("127.0.0.1", port, c -> {}, IllegalStateException::new).get(WAIT, TimeUnit.SECONDS);
        assertEquals(null, lookedUpOn.get());
      } finally {
        client.close();
        server.close();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      }
    });
  }

  @Test
  void aNameThatDoesNotResolveFailsTheConnect() {
    ClientEndpoint client = new ClientEndpoint("test-client", null, (host, p) -> InetSocketAddress.createUnresolved(host, p),
        ClientEndpoint.defaultResolverExecutor());
    try {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> client.connect("no-such-host.invalid", 1, ch -> {}, IllegalStateException::new).get(WAIT, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("cannot resolve"), e.getCause().getMessage());
    } finally {
      client.close();
    }
  }

  /**
   * Clients built without a group share one per JVM, with daemon threads, shut down when the last
   * of them closes; the next client gets a new one.
   */
  @Test
  void clientsWithoutAGroupShareOneThatTheLastCloseShutsDown() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      ClientEndpoint first = new ClientEndpoint("first", null);
      ClientEndpoint second = new ClientEndpoint("second", null);
      EventLoopGroup shared = first.group();
      assertSame(shared, second.group());
      assertTrue(shared.submit(() -> Thread.currentThread().isDaemon()).get(WAIT, TimeUnit.SECONDS),
          "a client's event loops do not keep the JVM alive");

      first.close();
      assertFalse(shared.isShuttingDown(), "still in use by the second client");
      second.close();
      assertTrue(shared.isTerminated(), "closed with the last client");

      ClientEndpoint third = new ClientEndpoint("third", null);
      try {
        assertFalse(third.group().isShuttingDown());
        assertFalse(third.group() == shared, "a new group after the old one was shut down");
      } finally {
        third.close();
      }
      third.close(); // idempotent: gives the group back once
      assertTrue(third.group().isTerminated());
    });
  }
}
