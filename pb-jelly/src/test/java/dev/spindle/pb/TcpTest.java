package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.testing.LeakChecked;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Java to Java over real TCP on 127.0.0.1, port 0. */
@LeakChecked
@Timeout(60)
class TcpTest {
  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  @Test
  void aThousandCallsInFlightFromEightThreads() throws Exception {
    try (PbServer server = PbServer.builder().root(new Goldens.GoldenRoot()).eventLoopGroup(group).start();
        PbClient client = PbClient.builder().eventLoopGroup(group).build()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      ExecutorService callers = Executors.newFixedThreadPool(8);
      try {
        List<Future<List<CompletableFuture<Long>>>> batches = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          batches.add(callers.submit(() -> {
            List<CompletableFuture<Long>> calls = new ArrayList<>();
            for (int n = 0; n < 125; n++) {
              calls.add(root.callRemote(Long.class, "add", thread * 1000L, n));
            }
            return calls;
          }));
        }
        for (int t = 0; t < 8; t++) {
          List<CompletableFuture<Long>> calls = batches.get(t).get(20, TimeUnit.SECONDS);
          for (int n = 0; n < 125; n++) {
            assertEquals(t * 1000L + n, calls.get(n).get(20, TimeUnit.SECONDS));
          }
        }
      } finally {
        callers.shutdownNow();
      }
      assertEquals(0, pendingCalls(root.connection()));
    }
  }

  private static int pendingCalls(PbConnection c) throws Exception {
    CompletableFuture<Integer> n = new CompletableFuture<>();
    c.execute(() -> n.complete(c.broker().pendingCallCount()));
    return await(n);
  }

  private static int exported(PbConnection c) throws Exception {
    CompletableFuture<Integer> n = new CompletableFuture<>();
    c.execute(() -> n.complete(c.broker().exportedCount()));
    return await(n);
  }

  @Test
  void theServerCallsTheClientBackAndCopiesTravelBothWays() throws Exception {
    try (PbServer server = PbServer.builder().root(new Goldens.GoldenRoot())
            .jelly(Goldens.registry(false)).eventLoopGroup(group).start();
        PbClient client = PbClient.builder().jelly(Goldens.registry(false))
            .remoteCache("goldens.Counter", Goldens.RemoteCounter::new).eventLoopGroup(group).build()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      assertEquals(42L, await(root.callRemote("callMeBack", new Goldens.ClientCallback(), 21)));
      assertEquals(7L, await(root.callRemote("sumPoint", new Goldens.CopyPoint(3, 4))));
      Goldens.CopyPoint p = (Goldens.CopyPoint) await(root.callRemote("getPoint"));
      assertEquals(2, p.y);
      Goldens.RemoteCounter counter = (Goldens.RemoteCounter) await(root.callRemote("getCounter"));
      assertEquals(1L, await(root.callRemote("increment")));
      assertEquals(1, counter.value, "the cachemessage came before the answer");
      RemotePbException e = (RemotePbException) assertThrows(ExecutionException.class,
          () -> await(root.callRemote("fail", "boom"))).getCause();
      assertTrue(e.check("builtins.ValueError"));
    }
  }

  @Test
  void anUnreachableReferenceIsReleasedByTheCleaner() throws Exception {
    CompletableFuture<PbConnection> accepted = new CompletableFuture<>();
    try (PbServer server = PbServer.builder().root(new Goldens.GoldenRoot()).eventLoopGroup(group)
            .onConnection(accepted::complete).start();
        PbClient client = PbClient.builder().eventLoopGroup(group).build()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      PbConnection serverSide = await(accepted);
      fetchAndDropChild(root);
      assertEquals(2, exported(serverSide), "root and child");
      for (int attempt = 0; attempt < 200 && exported(serverSide) > 1; attempt++) {
        System.gc();
      }
      assertEquals(1, exported(serverSide), "the decref arrived");
    }
  }

  private static void fetchAndDropChild(RemoteReference root) throws Exception {
    Object child = await(root.callRemote("getChild"));
    assertInstanceOf(RemoteReference.class, child);
  }

  @Test
  void closingTheClientFailsPendingCallsAndConnectingToNothingFails() throws Exception {
    ConnectionLossTest.Slow slow = new ConnectionLossTest.Slow();
    PbServer server = PbServer.builder().root(slow).eventLoopGroup(group).start();
    int port = server.port();
    try (PbClient client = PbClient.builder().eventLoopGroup(group).build()) {
      PbConnection c = await(client.connect("127.0.0.1", port));
      RemoteReference root = await(c.getRootObject());
      CompletableFuture<Object> pending = root.callRemote("slow");
      assertEquals(1, pendingCallsEventually(c));
      server.close();
      server.close(); // idempotent
      ExecutionException e = assertThrows(ExecutionException.class, () -> await(pending));
      assertInstanceOf(PbConnectionLostException.class, e.getCause());
      await(c.closeFuture().toCompletableFuture());
      ExecutionException refused = assertThrows(ExecutionException.class, () -> await(client.connect("127.0.0.1", port)));
      assertInstanceOf(PbConnectionLostException.class, refused.getCause());
    }
  }

  private static int pendingCallsEventually(PbConnection c) throws Exception {
    // The call is queued from this thread; a task queued after it sees it pending.
    return pendingCalls(c);
  }

  @Test
  void endpointsWithTheirOwnEventLoopsStartAndStop() throws Exception {
    try (PbServer server = PbServer.builder().root(new Goldens.GoldenRoot()).start();
        PbClient client = PbClient.builder().build()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      assertEquals("h\u00e9llo", await(root.callRemote("echo", "h\u00e9llo")));
      assertEquals(server.port(), server.address().getPort());
      assertTrue(root.connection().isOpen());
    } catch (TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
