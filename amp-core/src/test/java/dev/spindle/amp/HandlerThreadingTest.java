package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.testing.GoldenCommands;
import dev.spindle.amp.testing.GoldenCommands.Sum;
import dev.spindle.amp.testing.GoldenServer;
import dev.spindle.testing.LeakChecked;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The handler's thread-safety on real event loops (Netty's local transport): calls and boxes from
 * many threads, responders finishing on other threads, closes racing with calls, and flush
 * batching.
 */
@LeakChecked
class HandlerThreadingTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  static Throwable failureWithin(CompletableFuture<?> f) throws InterruptedException {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void callsFromManyThreadsAreAllAnswered() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          try (LocalAmp amp =
              LocalAmp.connect(AmpServer.builder().locator(new GoldenServer()), AmpClient.builder())) {
            int threads = 8;
            int perThread = 250;
            List<Thread> workers = new ArrayList<>();
            Map<Long, CompletableFuture<Sum.Result>> calls = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
              int base = t * perThread;
              Thread w =
                  new Thread(
                      () -> {
                        try {
                          start.await();
                        } catch (InterruptedException e) {
                          return;
                        }
                        for (int i = 0; i < perThread; i++) {
                          long a = base + i;
                          calls.put(a, amp.client.callRemote(GoldenCommands.SUM, new Sum(a, 1000)));
                        }
                      });
              workers.add(w);
              w.start();
            }
            start.countDown();
            for (Thread w : workers) {
              w.join();
            }
            assertEquals(threads * perThread, calls.size());
            for (Map.Entry<Long, CompletableFuture<Sum.Result>> e : calls.entrySet()) {
              assertEquals(e.getKey() + 1000, e.getValue().get(10, TimeUnit.SECONDS).total());
            }
            assertTrue(amp.client.isOpen());
          }
        });
  }

  @Test
  void boxesFromEachThreadArriveInTheOrderThatThreadSentThem() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          int threads = 6;
          int perThread = 300;
          List<AmpBox> received = new CopyOnWriteArrayList<>();
          CountDownLatch all = new CountDownLatch(threads * perThread);
          BoxReceiver recorder =
              new BoxReceiver() {
                @Override
                public void startReceivingBoxes(BoxSender sender) {}

                @Override
                public void ampBoxReceived(AmpBox box) {
                  received.add(box);
                  all.countDown();
                }

                @Override
                public void stopReceivingBoxes(Throwable reason) {}
              };
          try (LocalAmp amp =
              LocalAmp.connect(
                  AmpServer.builder().boxReceiverFactory(c -> recorder), AmpClient.builder())) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
              String id = Integer.toString(t);
              Thread w =
                  new Thread(
                      () -> {
                        for (int i = 0; i < perThread; i++) {
                          amp.client.boxSender().sendBox(
                              new AmpBox().putString("t", id).putString("n", Integer.toString(i)));
                        }
                      });
              workers.add(w);
              w.start();
            }
            for (Thread w : workers) {
              w.join();
            }
            assertTrue(all.await(20, TimeUnit.SECONDS), "received " + received.size());
            int[] next = new int[threads];
            for (AmpBox box : received) {
              int t = Integer.parseInt(box.getString("t"));
              assertEquals(next[t]++, Integer.parseInt(box.getString("n")), "thread " + t);
            }
          }
        });
  }

  /** A locator whose responders hand their unfinished futures to the test. */
  private static CommandLocator handingOut(BlockingQueue<CompletableFuture<AmpBox>> out) {
    return name -> box -> {
      CompletableFuture<AmpBox> f = new CompletableFuture<>();
      out.add(f);
      return f;
    };
  }

  @Test
  void responderFinishingOnAnotherThreadIsAnswered() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          BlockingQueue<CompletableFuture<AmpBox>> responders = new LinkedBlockingQueue<>();
          try (LocalAmp amp =
              LocalAmp.connect(AmpServer.builder().locator(handingOut(responders)), AmpClient.builder())) {
            CompletableFuture<AmpBox> one = amp.client.callRemoteString("Slow", new AmpBox());
            CompletableFuture<AmpBox> two = amp.client.callRemoteString("Slow", new AmpBox());
            CompletableFuture<AmpBox> first = responders.poll(10, TimeUnit.SECONDS);
            CompletableFuture<AmpBox> second = responders.poll(10, TimeUnit.SECONDS);
            assertNotNull(second);
            assertFalse(one.isDone());
            // Completed on this (test) thread, second one first.
            second.complete(new AmpBox().putString("r", "2"));
            assertEquals("2", two.get(10, TimeUnit.SECONDS).getString("r"));
            assertFalse(one.isDone());
            first.complete(new AmpBox().putString("r", "1"));
            assertEquals("1", one.get(10, TimeUnit.SECONDS).getString("r"));
            assertTrue(amp.client.isOpen());
          }
        });
  }

  @RepeatedTest(20)
  void fatalErrorFinishedOnAnotherThreadIsSentBeforeTheClose() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          BlockingQueue<CompletableFuture<AmpBox>> responders = new LinkedBlockingQueue<>();
          try (LocalAmp amp =
              LocalAmp.connect(AmpServer.builder().locator(handingOut(responders)), AmpClient.builder())) {
            CompletableFuture<AmpBox> call = amp.client.callRemoteString("Fatal", new AmpBox());
            responders.poll(10, TimeUnit.SECONDS)
                .completeExceptionally(new RemoteAmpException("FATAL", "bye", true));
            RemoteAmpException e = assertInstanceOf(RemoteAmpException.class, failureWithin(call));
            assertEquals("FATAL", e.errorCode());
            amp.client.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Throwable cause =
                assertThrows(
                        ExecutionException.class,
                        () -> amp.server.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .getCause();
            assertSame(e.getClass(), cause.getClass());
          }
        });
  }

  @RepeatedTest(10)
  void undeclaredFailureOnAnotherThreadSendsUnknownThenCloses() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          BlockingQueue<CompletableFuture<AmpBox>> responders = new LinkedBlockingQueue<>();
          try (LocalAmp amp =
              LocalAmp.connect(AmpServer.builder().locator(handingOut(responders)), AmpClient.builder())) {
            CompletableFuture<AmpBox> call = amp.client.callRemoteString("Boom", new AmpBox());
            responders.poll(10, TimeUnit.SECONDS).completeExceptionally(new IllegalStateException("x"));
            RemoteAmpException e = assertInstanceOf(RemoteAmpException.class, failureWithin(call));
            assertEquals("UNKNOWN", e.errorCode());
            assertEquals("Unknown Error", e.description());
            amp.client.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
          }
        });
  }

  @Test
  void closeFromAnotherThreadFailsPendingCallsAndLaterCalls() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          BlockingQueue<CompletableFuture<AmpBox>> responders = new LinkedBlockingQueue<>();
          try (LocalAmp amp =
              LocalAmp.connect(AmpServer.builder().locator(handingOut(responders)), AmpClient.builder())) {
            List<CompletableFuture<AmpBox>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
              calls.add(amp.client.callRemoteString("Never", new AmpBox()));
            }
            for (int i = 0; i < 100; i++) {
              assertNotNull(responders.poll(10, TimeUnit.SECONDS)); // all reached the server
            }
            amp.client.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (CompletableFuture<AmpBox> call : calls) {
              assertInstanceOf(ConnectionLostException.class, failureWithin(call));
            }
            assertInstanceOf(
                ConnectionLostException.class,
                failureWithin(amp.client.callRemoteString("Late", new AmpBox())));
            // The server side saw the close too.
            amp.server.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertFalse(amp.server.isOpen());
          }
        });
  }

  @RepeatedTest(5)
  void callsRacingWithCloseAllComplete() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          try (LocalAmp amp =
              LocalAmp.connect(AmpServer.builder().locator(new GoldenServer()), AmpClient.builder())) {
            List<CompletableFuture<Sum.Result>> calls = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(4);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
              Thread w =
                  new Thread(
                      () -> {
                        started.countDown();
                        for (int i = 0; i < 500; i++) {
                          calls.add(amp.client.callRemote(GoldenCommands.SUM, new Sum(i, i)));
                        }
                      });
              workers.add(w);
              w.start();
            }
            started.await();
            amp.client.close();
            for (Thread w : workers) {
              w.join();
            }
            AtomicInteger answered = new AtomicInteger();
            for (CompletableFuture<Sum.Result> call : calls) {
              try {
                call.get(10, TimeUnit.SECONDS);
                answered.incrementAndGet();
              } catch (ExecutionException e) {
                assertInstanceOf(ConnectionLostException.class, e.getCause());
              }
            }
            assertEquals(2000, calls.size());
          }
        });
  }

  /** Repeated: whether the local channel outlives its loop depends on shutdown order. */
  @RepeatedTest(25)
  void callsAfterTheEventLoopsAreShutDownFail() {
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          LocalAmp amp =
              LocalAmp.connect(AmpServer.builder().locator(new GoldenServer()), AmpClient.builder());
          amp.close();
          assertTrue(amp.group.isTerminated());
          assertInstanceOf(
              ConnectionLostException.class,
              failureWithin(amp.client.callRemoteString("X", new AmpBox())));
          assertInstanceOf(
              ConnectionLostException.class,
              failureWithin(amp.client.callRemote(GoldenCommands.SUM, new Sum(1, 1))));
          amp.client.boxSender().sendBox(new AmpBox().putString("a", "b")); // dropped, no throw
          amp.client.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        });
  }

  /** Counts flushes that reach the transport. */
  private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
    final AtomicInteger flushes = new AtomicInteger();

    @Override
    public void flush(ChannelHandlerContext ctx) {
      flushes.incrementAndGet();
      ctx.flush();
    }
  }

  @Test
  void answersToOneReadAreFlushedOnce() {
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
      FlushCounter counter = new FlushCounter();
      server.channel.pipeline().addFirst(counter);
      java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
      for (int i = 1; i <= 100; i++) {
        read.writeBytes(new AmpBox().putString("_ask", Integer.toHexString(i))
            .putString("_command", "Sum").putString("a", "1").putString("b", "2").toByteArray());
      }
      server.feed(read.toByteArray());
      assertEquals(100, server.writtenBoxes().size());
      assertEquals(1, counter.flushes.get());
    }
  }

  @Test
  void callsMadeInOneLoopTurnAreFlushedOnce() {
    // On a real loop: EmbeddedChannel runs pending tasks after every write, so it cannot show this.
    assertTimeoutPreemptively(
        LIMIT,
        () -> {
          try (LocalAmp amp =
              LocalAmp.connect(AmpServer.builder().locator(new GoldenServer()), AmpClient.builder())) {
            FlushCounter counter = new FlushCounter();
            amp.clientChannel.pipeline().addFirst(counter);
            List<CompletableFuture<Sum.Result>> calls =
                amp.clientChannel
                    .eventLoop()
                    .submit(
                        () -> {
                          List<CompletableFuture<Sum.Result>> out = new ArrayList<>();
                          for (int i = 0; i < 100; i++) {
                            out.add(amp.client.callRemote(GoldenCommands.SUM, new Sum(i, 1)));
                          }
                          return out;
                        })
                    .get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 100; i++) {
              assertEquals(i + 1, calls.get(i).get(10, TimeUnit.SECONDS).total());
            }
            assertEquals(1, counter.flushes.get());
          }
        });
  }
}
