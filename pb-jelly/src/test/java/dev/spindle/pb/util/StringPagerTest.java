package dev.spindle.pb.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import dev.spindle.pb.PbTesting;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.testing.LeakChecked;
import io.netty.channel.WriteBufferWaterMark;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

@LeakChecked
class StringPagerTest {
  /** The Java twin of generate.py's {@code GoldenRoot.remote_getPages}. */
  public static final class GoldenPaging implements Referenceable {
    Pager pager;

    public void remote_getPages(RemoteReference collector) {
      pager = new StringPager(collector, "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII), 8);
      collector.release(); // the pager holds its own handle: the decref follows the end of paging
    }
  }

  @Test
  void javaServerWritesTwistedsPagingBytes() {
    GoldenPaging root = new GoldenPaging();
    try (PbTesting.Embedded server = PbTesting.Embedded.server(root)) {
      for (PbTesting.Step step : PbTesting.session("paging")) {
        for (PbTesting.Message m : step.messages()) {
          if (m.fromClient()) {
            server.feed(m.hex());
          } else {
            assertEquals(m.hex(), server.next(), step.action());
          }
        }
        assertNull(server.next(), step.action() + ": nothing more");
      }
      assertTrue(root.pager.done().isDone());
      assertNull(root.pager.done().join());
      assertEquals(3, root.pager.pagesSent());
      assertEquals(0, PbTesting.pageProducerCount(server.connection()));
    }
  }

  @Test
  void anyDataArrivesInTwistedsSlicesAndNeverQueuesPastTheHighWaterMark() {
    Theories.qt(45)
        .forAll(Gens.ints(0, 100_000), Gens.ints(64, 40_000), Gens.ints(1024, 128 * 1024))
        .checkAssert(StringPagerTest::anyDataArrivesInTwistedsSlicesAndNeverQueuesPastTheHighWaterMark);
  }

  static void anyDataArrivesInTwistedsSlicesAndNeverQueuesPastTheHighWaterMark(int size, int chunk, int high) {
    Sources.Source source = new Sources.Source();
    try (PbTesting.Pair pair = new PbTesting.Pair(source)) {
      pair.serverChannel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
      WriteMeter meter = new WriteMeter();
      pair.serverChannel().pipeline().addFirst(meter);
      CompletableFuture<List<Object>> pages = Pagers.getAllPages(pair.root(), "getPages", size, chunk);
      pair.pump();

      List<Object> got = pages.getNow(null);
      assertNotNull(got, "paging ended");
      int expected = size == 0 ? 1 : (size + chunk - 1) / chunk; // Twisted sends b"" for empty data
      assertEquals(expected, got.size());
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int i = 0; i < got.size(); i++) {
        byte[] page = assertInstanceOf(ByteString.class, got.get(i)).toByteArray();
        assertEquals(i < got.size() - 1 ? chunk : size - chunk * (expected - 1), page.length, "page " + i);
        all.writeBytes(page);
      }
      assertArrayEquals(Sources.data(size), all.toByteArray());
      long message = chunk + 512L; // one gotPage, with Netty's per-entry overhead
      assertTrue(meter.maxPending <= high + message, "pending " + meter.maxPending + " > " + high + " + one page");
      Pager pager = source.pager();
      assertNull(pager.done().getNow(null));
      assertTrue(pager.done().isDone());
      assertEquals(expected, pager.pagesSent());
      assertEquals(0, PbTesting.pageProducerCount(pair.serverConnection()));
      assertEquals(0, PbTesting.exportedCount(pair.clientConnection()), "the collector was decref'd");
    }
  }

  @Test
  void aLargeStringIsPacedByWritability() {
    Sources.Source source = new Sources.Source();
    try (PbTesting.Pair pair = new PbTesting.Pair(source)) {
      pair.serverChannel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(8192, 32768));
      WriteMeter meter = new WriteMeter();
      pair.serverChannel().pipeline().addFirst(meter);
      CompletableFuture<Long> count = Pagers.streamAllPages(pair.root(), "getDefaultPages", page -> {}, 1 << 20);
      pair.pump();
      assertEquals(128L, count.getNow(null));
      assertTrue(meter.unwritable >= 16, "paused " + meter.unwritable + " times");
      assertTrue(meter.maxPending <= 32768 + 8192 + 512, "pending " + meter.maxPending);
    }
  }

  @Test
  void aPeerThatStopsReadingPausesThePagerUntilItReadsAgain() {
    Sources.Source source = new Sources.Source();
    try (PbTesting.Pair pair = new PbTesting.Pair(source)) {
      pair.serverChannel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(8192, 32768));
      WriteMeter meter = new WriteMeter();
      pair.serverChannel().pipeline().addFirst(meter);
      meter.hold = true;
      CompletableFuture<List<Object>> pages = Pagers.getAllPages(pair.root(), "getDefaultPages", 1 << 20);
      pair.pump();
      Pager pager = source.pager();
      long paused = pager.pagesSent();
      assertTrue(paused >= 1 && paused <= 5, paused + " pages written into a 32 KiB water mark");
      pair.pump();
      pair.serverChannel().runPendingTasks();
      assertEquals(paused, pager.pagesSent(), "nothing more while the peer does not read");
      assertTrue(meter.maxPending <= 32768 + 8192 + 512, "pending " + meter.maxPending);

      meter.release();
      pair.pump();
      assertEquals(128, pages.join().size());
      assertEquals(128, pager.pagesSent());
      assertTrue(meter.maxPending <= 32768 + 8192 + 512, "pending " + meter.maxPending);
    }
  }

  @Test
  void connectionLossFailsThePagerAndTheCollector() {
    Sources.Source source = new Sources.Source();
    try (PbTesting.Pair pair = new PbTesting.Pair(source)) {
      WriteMeter meter = new WriteMeter();
      pair.serverChannel().pipeline().addFirst(meter);
      meter.hold = true;
      CompletableFuture<List<Object>> pages = Pagers.getAllPages(pair.root(), "getDefaultPages", 1 << 20);
      pair.pump();
      Pager pager = source.pager();
      assertTrue(pager.pagesSent() < 128, "paused");
      assertEquals(1, PbTesting.pageProducerCount(pair.serverConnection()));
      pair.serverConnection().close();
      pair.pump();
      CompletionException e = assertThrows(CompletionException.class, () -> pager.done().join());
      assertInstanceOf(PbConnectionLostException.class, e.getCause());
      e = assertThrows(CompletionException.class, pages::join);
      assertInstanceOf(PbConnectionLostException.class, e.getCause());
      assertEquals(0, PbTesting.pageProducerCount(pair.serverConnection()));
    }
  }

  @Test
  void aBadChunkSizeIsRefusedAndTheCollectorReleased() {
    Sources.Source source = new Sources.Source();
    try (PbTesting.Pair pair = new PbTesting.Pair(source)) {
      CompletableFuture<List<Object>> pages = Pagers.getAllPages(pair.root(), "getPages", 10, 0);
      pair.pump();
      CompletionException e = assertThrows(CompletionException.class, pages::join);
      assertTrue(e.getCause().getMessage().contains("chunkSize: 0 (expected: > 0)"), e.getCause().toString());
      assertEquals(0, PbTesting.exportedCount(pair.clientConnection()), "the collector was decref'd");
    }
  }
}
