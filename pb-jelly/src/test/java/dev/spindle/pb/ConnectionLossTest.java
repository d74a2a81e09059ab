package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.flavors.Root;
import dev.spindle.testing.LeakChecked;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What happens to calls, references and callbacks when a connection goes. */
@LeakChecked
class ConnectionLossTest {
  /** Answers only when told to. */
  public static final class Slow implements Root {
    final List<CompletableFuture<Object>> waiting = new ArrayList<>();

    public CompletableFuture<Object> remote_slow() {
      CompletableFuture<Object> f = new CompletableFuture<>();
      waiting.add(f);
      return f;
    }
  }

  @Test
  void pendingCallsFailWithConnectionLostAndLaterCallsWithDeadReference() {
    Slow root = new Slow();
    try (EmbeddedPair pair = new EmbeddedPair(root)) {
      RemoteReference ref = pair.root();
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        calls.add(ref.callRemote("slow"));
      }
      pair.pump();
      assertEquals(3, pair.client.connection.broker().pendingCallCount());
      List<String> order = new ArrayList<>();
      pair.client.connection.notifyOnDisconnect(() -> order.add("connection"));
      Runnable removed = () -> order.add("removed");
      ref.notifyOnDisconnect(() -> order.add("reference"));
      ref.notifyOnDisconnect(removed);
      ref.dontNotifyOnDisconnect(removed);
      pair.server.connection.close();
      pair.pump();
      for (CompletableFuture<Object> c : calls) {
        CompletionException e = assertThrows(CompletionException.class, c::join);
        assertInstanceOf(PbConnectionLostException.class, e.getCause());
      }
      assertEquals(List.of("connection", "reference"), order);
      assertFalse(ref.isConnected());
      assertFalse(pair.client.connection.isOpen());
      CompletionException e = assertThrows(CompletionException.class, () -> ref.callRemote("slow").join());
      assertInstanceOf(DeadReferenceException.class, e.getCause());
      pair.client.connection.notifyOnDisconnect(() -> order.add("late"));
      assertEquals("late", order.get(2), "runs at once once disconnected");
      // The server's late answer goes nowhere.
      root.waiting.get(0).complete(1);
      assertEquals(0, pair.pump());
      assertTrue(pair.client.connection.closeFuture().toCompletableFuture().isDone());
      assertFalse(pair.client.connection.closeFuture().toCompletableFuture().isCompletedExceptionally(),
          "an orderly close by the peer");
    }
  }

  @Test
  void aConnectionClosedBeforeTheHandshakeFailsItsRootObject() {
    try (EmbeddedPb client = EmbeddedPb.client(PbClient.builder())) {
      CompletableFuture<RemoteReference> root = client.connection.getRootObject();
      assertFalse(root.isDone());
      client.channel.close();
      CompletionException e = assertThrows(CompletionException.class, root::join);
      assertInstanceOf(PbConnectionLostException.class, e.getCause());
    }
  }

  @Test
  void bananaErrorsCloseWithAProtocolException() {
    try (EmbeddedPair pair = new EmbeddedPair(new Slow())) {
      CompletableFuture<Object> pending = pair.root().callRemote("slow");
      pair.pump();
      pair.client.feed("0a88"); // type byte 0x88: not Banana
      assertFalse(pair.client.channel.isOpen());
      CompletionException e = assertThrows(CompletionException.class, pending::join);
      PbConnectionLostException lost = assertInstanceOf(PbConnectionLostException.class, e.getCause());
      PbProtocolException p = assertInstanceOf(PbProtocolException.class, lost.getCause());
      assertTrue(p.getMessage().startsWith("Banana: Invalid Type Byte"), p.getMessage());
    }
  }
}
