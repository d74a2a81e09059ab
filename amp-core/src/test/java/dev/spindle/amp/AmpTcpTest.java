package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.testing.GoldenCommands;
import dev.spindle.amp.testing.GoldenCommands.Sum;
import dev.spindle.amp.testing.GoldenServer;
import dev.spindle.testing.LeakChecked;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** AmpServer and AmpClient over real TCP on 127.0.0.1, ephemeral ports, every wait bounded. */
@LeakChecked
class AmpTcpTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final long WAIT = 15;

  private static void bounded(Executable test) {
    assertTimeoutPreemptively(LIMIT, test);
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> f.get(WAIT, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void callRoundTrip() {
    bounded(() -> {
      try (AmpServer server = AmpServer.builder().locator(new GoldenServer()).start();
          AmpClient client = AmpClient.builder().build()) {
        assertEquals("127.0.0.1", server.address().getAddress().getHostAddress());
        assertTrue(server.port() > 0);
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        assertTrue(c.isOpen());
        assertEquals(new Sum.Result(94), get(c.callRemote(GoldenCommands.SUM, new Sum(13, 81))));
        assertInstanceOf(
            ArithmeticException.class,
            failure(c.callRemote(GoldenCommands.DIVIDE, new GoldenCommands.Divide(1, 0))));
        assertInstanceOf(
            UnhandledCommandException.class,
            failure(c.callRemote(GoldenCommands.UNIMPLEMENTED, new GoldenCommands.Unimplemented())));
        assertTrue(c.isOpen());
        get(c.close().toCompletableFuture());
        assertFalse(c.isOpen());
      }
    });
  }

  @Test
  void serverCallsBackIntoTheClientOnTheSameConnection() {
    bounded(() -> {
      CommandLocator clientLocator =
          name -> name.equals("WhoAreYou")
              ? box -> CompletableFuture.completedFuture(new AmpBox().putString("name", "client"))
              : null;
      try (AmpServer server =
              AmpServer.builder()
                  .locatorFactory(
                      connection ->
                          name -> name.equals("Hello")
                              ? box -> connection
                                  .callRemoteString("WhoAreYou", new AmpBox())
                                  .thenApply(a -> new AmpBox().putString("greeting", "hello " + a.getString("name")))
                              : null)
                  .start();
          AmpClient client = AmpClient.builder().locator(clientLocator).build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        AmpBox answer = get(c.callRemoteString("Hello", new AmpBox()));
        assertEquals("hello client", answer.getString("greeting"));
      }
    });
  }

  @Test
  void callRemoteFromManyThreadsConcurrently() {
    bounded(() -> {
      try (AmpServer server = AmpServer.builder().locator(new GoldenServer()).start();
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        int threads = 8;
        int perThread = 200;
        List<List<CompletableFuture<Sum.Result>>> results = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
          List<CompletableFuture<Sum.Result>> mine = new ArrayList<>();
          results.add(mine);
          int base = t * perThread;
          Thread w = new Thread(() -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              return;
            }
            for (int i = 0; i < perThread; i++) {
              mine.add(c.callRemote(GoldenCommands.SUM, new Sum(base + i, 7)));
            }
          });
          workers.add(w);
          w.start();
        }
        go.countDown();
        for (Thread w : workers) {
          w.join();
        }
        for (int t = 0; t < threads; t++) {
          for (int i = 0; i < perThread; i++) {
            assertEquals(t * perThread + i + 7, get(results.get(t).get(i)).total());
          }
        }
      }
    });
  }

  @Test
  void valueOf65535BytesRoundTrips() {
    bounded(() -> {
      try (AmpServer server = AmpServer.builder().locator(new GoldenServer()).start();
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        byte[] big = new byte[65535];
        for (int i = 0; i < big.length; i++) {
          big[i] = (byte) (i * 31);
        }
        byte[] key = new byte[255];
        Arrays.fill(key, (byte) 'k');
        AmpBox args = new AmpBox().put("big", big).put(key, big).putString("small", "s");
        AmpBox echoed = get(c.callRemoteString("Everything", args)); // GoldenServer echoes it
        assertArrayEquals(big, echoed.get("big"));
        assertArrayEquals(big, echoed.get(key));
        assertEquals("s", echoed.getString("small"));
        // One byte more is refused locally, before anything is sent.
        TooLongException e = assertThrows(TooLongException.class, () -> new AmpBox().put("big", new byte[65536]));
        assertTrue(e.isLocal());
      }
    });
  }

  @Test
  void closingTheServerFailsPendingCalls() {
    bounded(() -> {
      BlockingQueue<CompletableFuture<AmpBox>> responders = new LinkedBlockingQueue<>();
      AmpServer server =
          AmpServer.builder()
              .locator(name -> box -> {
                CompletableFuture<AmpBox> never = new CompletableFuture<>();
                responders.add(never);
                return never;
              })
              .start();
      try (AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        List<CompletableFuture<AmpBox>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          calls.add(c.callRemoteString("Never", new AmpBox()));
        }
        List<CompletableFuture<AmpBox>> unanswered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          unanswered.add(responders.poll(WAIT, TimeUnit.SECONDS));
          assertNotNull(unanswered.get(i));
        }
        server.close();
        for (CompletableFuture<AmpBox> call : calls) {
          assertInstanceOf(ConnectionLostException.class, failure(call));
        }
        get(c.closeFuture().toCompletableFuture()); // an orderly close for the client
        assertInstanceOf(ConnectionLostException.class, failure(c.callRemoteString("Late", new AmpBox())));
        // A responder finishing after the close is harmless.
        unanswered.get(0).complete(new AmpBox());
      } finally {
        server.close();
      }
    });
  }

  @Test
  void userSuppliedEventLoopGroupIsNotShutDownByClose() {
    bounded(() -> {
      EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
      try {
        AmpServer server = AmpServer.builder().eventLoopGroup(group).locator(new GoldenServer()).start();
        AmpClient client = AmpClient.builder().eventLoopGroup(group).build();
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        assertEquals(new Sum.Result(3), get(c.callRemote(GoldenCommands.SUM, new Sum(1, 2))));
        AmpConnection c2 = get(client.connect("127.0.0.1", server.port()));
        client.close();
        // The client's connections are closed, its loops are not.
        get(c.closeFuture().toCompletableFuture());
        get(c2.closeFuture().toCompletableFuture());
        assertFalse(group.isShuttingDown());
        AmpClient again = AmpClient.builder().eventLoopGroup(group).build();
        AmpConnection c3 = get(again.connect("127.0.0.1", server.port()));
        assertEquals(new Sum.Result(5), get(c3.callRemote(GoldenCommands.SUM, new Sum(2, 3))));
        server.close();
        get(c3.closeFuture().toCompletableFuture());
        assertFalse(group.isShuttingDown());
        again.close();
      } finally {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(WAIT, TimeUnit.SECONDS);
      }
    });
  }

  @Test
  void ownedEventLoopsAreShutDownByClose() {
    bounded(() -> {
      AmpServer server = AmpServer.builder().locator(new GoldenServer()).start();
      AmpClient client = AmpClient.builder().build();
      AmpConnection c = get(client.connect("127.0.0.1", server.port()));
      client.close();
      get(c.closeFuture().toCompletableFuture());
      assertInstanceOf(ConnectionLostException.class,
          failure(client.connect("127.0.0.1", server.port())));
      server.close();
      server.close(); // idempotent
    });
  }

  @Test
  void keyTooLongFromThePeerClosesWithTooLongException() {
    bounded(() -> {
      CompletableFuture<AmpConnection> accepted = new CompletableFuture<>();
      EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      try (AmpServer server =
          AmpServer.builder().locator(new GoldenServer()).onConnection(accepted::complete).start()) {
        // A raw peer: the key-too-long transcript's bytes.
        Channel raw =
            new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect("127.0.0.1", server.port())
                .sync()
                .channel();
        byte[] bytes = new byte[2 + 256];
        bytes[0] = 0x01;
        Arrays.fill(bytes, 2, bytes.length, (byte) 'k');
        raw.writeAndFlush(Unpooled.wrappedBuffer(bytes)).sync();
        AmpConnection c = get(accepted);
        TooLongException e =
            assertInstanceOf(TooLongException.class, failure(c.closeFuture().toCompletableFuture()));
        assertTrue(e.isKey());
        assertFalse(e.isLocal());
        assertTrue(raw.closeFuture().await(WAIT, TimeUnit.SECONDS), "the server closed without reply");
      } finally {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(WAIT, TimeUnit.SECONDS);
      }
    });
  }

  @Test
  void valueOverTheConfiguredLimitClosesWithTooLongException() {
    bounded(() -> {
      CompletableFuture<AmpConnection> accepted = new CompletableFuture<>();
      try (AmpServer server =
              AmpServer.builder()
                  .locator(new GoldenServer())
                  .maxValueLength(10)
                  .onConnection(accepted::complete)
                  .start();
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        assertEquals("0123456789",
            get(c.callRemoteString("Everything", new AmpBox().putString("v", "0123456789"))).getString("v"));
        CompletableFuture<AmpBox> tooBig =
            c.callRemoteString("Everything", new AmpBox().putString("v", "01234567890"));
        TooLongException e =
            assertInstanceOf(
                TooLongException.class, failure(get(accepted).closeFuture().toCompletableFuture()));
        assertFalse(e.isKey());
        assertFalse(e.isLocal());
        assertEquals(11, e.length());
        assertInstanceOf(ConnectionLostException.class, failure(tooBig));
      }
    });
  }

  @Test
  void callMadeFromOnConnectionIsSentOnceConnected() {
    bounded(() -> {
      CompletableFuture<CompletableFuture<Sum.Result>> early = new CompletableFuture<>();
      try (AmpServer server = AmpServer.builder().locator(new GoldenServer()).start();
          AmpClient client =
              AmpClient.builder()
                  .onConnection(c -> early.complete(c.callRemote(GoldenCommands.SUM, new Sum(20, 22))))
                  .build()) {
        AmpConnection c = get(client.connect("127.0.0.1", server.port()));
        assertEquals(new Sum.Result(42), get(get(early)));
        // The usual pattern: chaining the first call onto connect.
        assertEquals(
            new Sum.Result(2),
            get(client.connect("127.0.0.1", server.port())
                .thenCompose(c2 -> c2.callRemote(GoldenCommands.SUM, new Sum(1, 1)))));
        assertTrue(c.isOpen());
      }
    });
  }

  @Test
  void bindingAPortInUseFailsWithAmpException() {
    bounded(() -> {
      try (AmpServer first = AmpServer.builder().start()) {
        AmpException e =
            assertThrows(AmpException.class, () -> AmpServer.builder().bind("127.0.0.1", first.port()).start());
        assertNotNull(e.getCause());
      }
    });
  }

  @Test
  void connectingToAClosedPortFails() {
    bounded(() -> {
      int port;
      try (AmpServer gone = AmpServer.builder().start()) {
        port = gone.port();
      }
      CompletableFuture<AmpConnection> made = new CompletableFuture<>();
      CompletableFuture<CompletableFuture<AmpBox>> early = new CompletableFuture<>();
      try (AmpClient client =
          AmpClient.builder()
              .onConnection(c -> {
                made.complete(c);
                early.complete(c.callRemoteString("Early", new AmpBox()));
              })
              .build()) {
        assertInstanceOf(ConnectionLostException.class, failure(client.connect("127.0.0.1", port)));
        // A call made from onConnection on a connection that never came up fails; nothing hangs.
        assertInstanceOf(ConnectionLostException.class, failure(get(early)));
        get(get(made).closeFuture().toCompletableFuture());
        assertFalse(get(made).isOpen());
      }
    });
  }
}
