package dev.spindle.pb.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.PbTesting;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.testing.LeakChecked;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

@LeakChecked
class PagersTest {
  @Test
  void javaClientGetsThePagesFromTwistedsBytes() {
    try (PbTesting.Embedded client = PbTesting.Embedded.client()) {
      List<PbTesting.Step> steps = PbTesting.session("paging");
      replay(client, steps.get(0));
      RemoteReference root = client.connection().getRootObject().join();
      CompletableFuture<List<Object>> pages = Pagers.getAllPages(root, "getPages");
      replay(client, steps.get(1));
      assertEquals(List.of(ByteString.ascii("abcdefgh"), ByteString.ascii("ijklmnop"), ByteString.ascii("qrst")),
          pages.getNow(null));
      assertEquals(0, PbTesting.exportedCount(client.connection()), "the server's decref freed the collector");
    }
  }

  /** Checks what the client writes and feeds what the Twisted server wrote, in recorded order. */
  private static void replay(PbTesting.Embedded client, PbTesting.Step step) {
    for (PbTesting.Message m : step.messages()) {
      if (m.fromClient()) {
        assertEquals(m.hex(), client.next(), step.action());
      } else {
        client.feed(m.hex());
      }
    }
    assertNull(client.next(), step.action() + ": nothing more");
  }

  @Test
  void aFailedCallFailsTheFutureWhereTwistedWouldWaitForever() {
    try (PbTesting.Pair pair = new PbTesting.Pair(new Sources.Source())) {
      CompletableFuture<List<Object>> unknown = Pagers.getAllPages(pair.root(), "noSuchMethod");
      CompletableFuture<List<Object>> badArguments = Pagers.getAllPages(pair.root(), "getPages", "ten", 1);
      pair.pump();
      RemotePbException e = assertInstanceOf(RemotePbException.class,
          assertThrows(CompletionException.class, unknown::join).getCause());
      assertEquals("twisted.spread.flavors.NoSuchMethod", e.typeName());
      e = assertInstanceOf(RemotePbException.class,
          assertThrows(CompletionException.class, badArguments::join).getCause());
      assertTrue(e.check("builtins.TypeError"), e.toString());
      assertEquals(0, PbTesting.exportedCount(pair.clientConnection()), "both collectors were decref'd");
    }
  }

  @Test
  void streamingHandsOverEachPageAndKeepsNone() {
    try (PbTesting.Pair pair = new PbTesting.Pair(new Sources.Source())) {
      List<Integer> sizes = new ArrayList<>();
      CompletableFuture<Long> count = Pagers.streamAllPages(pair.root(), "getPages",
          page -> sizes.add(((ByteString) page).size()), 25, 10);
      pair.pump();
      assertEquals(3L, count.join());
      assertEquals(List.of(10, 10, 5), sizes);
    }
  }

  @Test
  void aThrowingConsumerFailsTheCollectorWhichIgnoresTheRest() {
    try (PbTesting.Pair pair = new PbTesting.Pair(new Sources.Source())) {
      IllegalStateException boom = new IllegalStateException("boom");
      List<Object> seen = new ArrayList<>();
      CompletableFuture<Long> count = Pagers.streamAllPages(pair.root(), "getPages", page -> {
        seen.add(page);
        throw boom;
      }, 25, 10);
      pair.pump();
      assertSame(boom, assertThrows(CompletionException.class, count::join).getCause());
      assertEquals(1, seen.size());
    }
  }

  @Test
  void aCollectorPassedByHandCollectsAndIgnoresPagesAfterTheEnd() {
    PageCollector collector = new PageCollector();
    collector.remote_gotPage(ByteString.ascii("a"));
    collector.remote_gotPage(List.of(1L));
    collector.remote_endedPaging();
    collector.remote_gotPage(ByteString.ascii("late"));
    assertEquals(List.of(ByteString.ascii("a"), List.of(1L)), collector.pages().join());
    assertEquals(2, collector.pageCount());
    assertThrows(UnsupportedOperationException.class, () -> collector.pages().join().add("x"));
    assertFalse(collector.fail(new IllegalStateException()), "paging had ended");
  }

  @Test
  void connectionLossBeforeTheEndFailsTheFuture() {
    try (PbTesting.Pair pair = new PbTesting.Pair(new Sources.Source())) {
      WriteMeter meter = new WriteMeter();
      pair.serverChannel().pipeline().addFirst(meter);
      meter.hold = true; // the server's pages and answer never leave
      CompletableFuture<List<Object>> pages = Pagers.getAllPages(pair.root(), "getDefaultPages", 1 << 20);
      pair.pump();
      pair.clientConnection().close();
      pair.pump();
      assertInstanceOf(PbConnectionLostException.class,
          assertThrows(CompletionException.class, pages::join).getCause());
    }
  }
}
