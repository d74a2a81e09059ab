package dev.spindle.amp;

import static dev.spindle.amp.TranscriptReplayTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.AmpProtocolException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.NoEmptyBoxesException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.exceptions.UnknownRemoteException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.testing.GoldenCommands;
import dev.spindle.amp.testing.GoldenCommands.Notify;
import dev.spindle.amp.testing.GoldenCommands.Sum;
import dev.spindle.amp.testing.GoldenServer;
import dev.spindle.testing.LeakChecked;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dispatcher and handler through the real pipeline on an EmbeddedChannel: correlation of
 * answers, protocol errors, connection loss, and Twisted's close-after-error rules.
 */
@LeakChecked
class DispatcherBehaviourTest {
  private static AmpBox answer(String tag, String key, String value) {
    return new AmpBox().putString("_answer", tag).putString(key, value);
  }

  private static Throwable closeCause(EmbeddedAmp amp) {
    CompletableFuture<Void> closed = amp.connection.closeFuture().toCompletableFuture();
    assertTrue(closed.isCompletedExceptionally(), "closed with a cause");
    return failure(closed);
  }

  @Test
  void answersOutOfOrderCompleteTheirOwnCalls() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      CompletableFuture<AmpBox> one = client.connection.callRemoteString("X", new AmpBox());
      CompletableFuture<AmpBox> two = client.connection.callRemoteString("X", new AmpBox());
      CompletableFuture<AmpBox> three = client.connection.callRemoteString("X", new AmpBox());
      List<AmpBox> sent = client.writtenBoxes();
      assertEquals(List.of("1", "2", "3"), sent.stream().map(b -> b.getString("_ask")).toList());
      client.feed(answer("3", "v", "three"));
      client.feed(new AmpBox().putString("_error", "1").putString("_error_code", "E")
          .putString("_error_description", "one"));
      assertFalse(two.isDone());
      client.feed(answer("2", "v", "two"));
      assertEquals("three", three.getNow(null).getString("v"));
      assertEquals("two", two.getNow(null).getString("v"));
      RemoteAmpException e = assertInstanceOf(RemoteAmpException.class, failure(one));
      assertEquals("E", e.errorCode());
      assertEquals("one", e.description());
      assertTrue(client.channel.isOpen());
    }
  }

  @Test
  void thousandCallsInFlightAreAnsweredInAnyOrder() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      List<CompletableFuture<Sum.Result>> calls = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        calls.add(client.connection.callRemote(GoldenCommands.SUM, new Sum(i, 1)));
      }
      List<AmpBox> sent = client.writtenBoxes();
      assertEquals(1000, sent.size());
      List<String> tags = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        AmpBox box = sent.get(i);
        assertEquals(Integer.toHexString(i + 1), box.getString("_ask")); // 1 .. 3e8
        assertEquals(Integer.toString(i), box.getString("a"));
        tags.add(box.getString("_ask"));
      }
      Collections.shuffle(tags, new Random(42));
      // All answers in one read, in random order.
      java.io.ByteArrayOutputStream answers = new java.io.ByteArrayOutputStream();
      for (String tag : tags) {
        answers.writeBytes(answer(tag, "total", Long.toString(Long.parseLong(tag, 16))).toByteArray());
      }
      client.feed(answers.toByteArray());
      for (int i = 0; i < 1000; i++) {
        assertEquals(new Sum.Result(i + 1), calls.get(i).getNow(null));
      }
      assertEquals(List.of(), client.written());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"99", "5", "01", "A", "", "x", "ffffffffffffffffff"})
  void answerForATagThatIsNotOutstandingClosesWithAmpProtocolException(String tag) {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      CompletableFuture<AmpBox> pending = client.connection.callRemoteString("X", new AmpBox());
      client.connection.callRemoteString("Y", new AmpBox()).complete(null); // tag 2, abandoned
      client.connection.callRemoteString("Z", new AmpBox()); // tag 3
      client.written();
      client.feed(answer("1", "v", "ok")); // fine
      assertEquals("ok", pending.getNow(null).getString("v"));
      CompletableFuture<AmpBox> another = client.connection.callRemoteString("X", new AmpBox());
      client.written();
      client.feed(new AmpBox().putString("_answer", tag));
      assertFalse(client.channel.isOpen());
      assertInstanceOf(AmpProtocolException.class, closeCause(client));
      ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, failure(another));
      assertInstanceOf(AmpProtocolException.class, lost.getCause());
      assertEquals(List.of(), client.written(), "nothing is sent back");
    }
  }

  @Test
  void errorForATagThatIsNotOutstandingClosesToo() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      client.feed(new AmpBox().putString("_error", "1").putString("_error_code", "X")
          .putString("_error_description", "y"));
      assertFalse(client.channel.isOpen());
      assertInstanceOf(AmpProtocolException.class, closeCause(client));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000", "00045f61736b0001310001780001790000", "000178000179" + "0000"})
  void boxWithoutAnswerErrorOrCommandClosesWithNoEmptyBoxes(String hex) {
    try (EmbeddedAmp amp = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
      amp.feed(dev.spindle.testing.Vectors.hex(hex));
      assertFalse(amp.channel.isOpen());
      assertInstanceOf(NoEmptyBoxesException.class, closeCause(amp));
      assertEquals(List.of(), amp.written());
    }
  }

  @Test
  void answerWinsOverErrorAndCommandAsInTwisted() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      CompletableFuture<AmpBox> call = client.connection.callRemoteString("X", new AmpBox());
      client.written();
      client.feed(new AmpBox().putString("_answer", "1").putString("_error", "1")
          .putString("_command", "Sum"));
      assertTrue(call.getNow(null).containsKey("_error"));
      assertEquals(List.of(), client.written());
    }
  }

  @Test
  void connectionLossFailsEveryPendingCallAtOnce() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      List<CompletableFuture<AmpBox>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(client.connection.callRemoteString("X", new AmpBox()));
      }
      CompletableFuture<Sum.Result> typed = client.connection.callRemote(GoldenCommands.SUM, new Sum(1, 2));
      client.written();
      client.channel.close();
      client.runPendingTasks();
      for (CompletableFuture<AmpBox> call : calls) {
        assertInstanceOf(ConnectionLostException.class, failure(call));
      }
      assertInstanceOf(ConnectionLostException.class, failure(typed));
      // An orderly close: the close future completes normally.
      assertTrue(client.connection.closeFuture().toCompletableFuture().isDone());
      assertFalse(client.connection.closeFuture().toCompletableFuture().isCompletedExceptionally());
      assertFalse(client.connection.isOpen());
    }
  }

  @Test
  void callsAfterCloseFailAtOnce() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      client.connection.close();
      client.runPendingTasks();
      assertFalse(client.channel.isOpen());
      assertInstanceOf(
          ConnectionLostException.class,
          failure(client.connection.callRemoteString("X", new AmpBox())));
      assertInstanceOf(
          ConnectionLostException.class,
          failure(client.connection.callRemoteString("X", new AmpBox(), false)));
      assertInstanceOf(
          ConnectionLostException.class,
          failure(client.connection.callRemote(GoldenCommands.SUM, new Sum(1, 2))));
      assertInstanceOf(
          ConnectionLostException.class,
          failure(client.connection.callRemote(GoldenCommands.NOTIFY, new Notify("x"))));
      client.connection.boxSender().sendBox(new AmpBox().putString("_command", "X")); // dropped
      assertEquals(List.of(), client.written());
    }
  }

  @Test
  void closeFlushesWhatWasSentBefore() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      CompletableFuture<Void> notify =
          client.connection.callRemote(GoldenCommands.NOTIFY, new Notify("bye"));
      client.connection.close();
      client.runPendingTasks();
      assertNull(notify.getNow(null));
      List<AmpBox> sent = client.writtenBoxes();
      assertEquals(1, sent.size());
      assertEquals("bye", sent.get(0).getString("message"));
    }
  }

  @Test
  void commandWithoutAskThatSucceedsIsNotAnsweredAndKeepsTheConnection() {
    GoldenServer golden = new GoldenServer();
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(golden))) {
      server.feed(new AmpBox().putString("_command", "Notify").putString("message", "hi"));
      assertEquals("hi", golden.notified);
      server.feed(new AmpBox().putString("_command", "Sum").putString("a", "1").putString("b", "2"));
      assertEquals(List.of(), server.written());
      assertTrue(server.channel.isOpen());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"declared", "fatal", "other", "Unknown command", "bad argument"})
  void commandWithoutAskThatFailsClosesTheConnectionWithoutReply(String how) {
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
      AmpBox box;
      if (how.equals("Unknown command")) {
        box = new AmpBox().putString("_command", "Nope");
      } else if (how.equals("bad argument")) {
        box = new AmpBox().putString("_command", "Sum").putString("a", "x").putString("b", "1");
      } else {
        box = new AmpBox().putString("_command", "Explode").putString("how", how);
      }
      server.feed(box);
      assertEquals(List.of(), server.written());
      assertFalse(server.channel.isOpen());
      assertTrue(server.connection.closeFuture().toCompletableFuture().isCompletedExceptionally());
    }
  }

  @Test
  void fatalErrorSendsTheErrorBoxThenCloses() {
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
      server.feed(new AmpBox().putString("_ask", "7").putString("_command", "Explode")
          .putString("how", "fatal"));
      AmpBox error = server.onlyWrittenBox();
      assertEquals("7", error.getString("_error"));
      assertEquals("FATAL_PROBLEM", error.getString("_error_code"));
      assertEquals("a fatal error", error.getString("_error_description"));
      assertFalse(server.channel.isOpen());
    }
  }

  @Test
  void declaredErrorKeepsTheConnectionOpen() {
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
      server.feed(new AmpBox().putString("_ask", "1").putString("_command", "Explode")
          .putString("how", "declared"));
      assertEquals("BAD_VALUE", server.onlyWrittenBox().getString("_error_code"));
      assertTrue(server.channel.isOpen());
    }
  }

  @Test
  void boxesArrivingAfterTheDecisionToCloseAreIgnored() {
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
      java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
      read.writeBytes(new AmpBox().putString("_ask", "1").putString("_command", "Explode")
          .putString("how", "fatal").toByteArray());
      read.writeBytes(new AmpBox().putString("_ask", "2").putString("_command", "Sum")
          .putString("a", "1").putString("b", "2").toByteArray());
      server.feed(read.toByteArray());
      assertEquals("1", server.onlyWrittenBox().getString("_error"));
      assertFalse(server.channel.isOpen());
    }
  }

  /** Box-level responders that fail in every way the dispatcher must survive. */
  private static CommandLocator failing(AtomicInteger located) {
    return name -> {
      located.incrementAndGet();
      switch (name) {
        case "Throws":
          return box -> {
            throw new IllegalStateException("thrown");
          };
        case "Null":
          return box -> null;
        case "NullBox":
          return box -> CompletableFuture.completedFuture(null);
        case "Failed":
          return box -> CompletableFuture.failedFuture(new IllegalStateException("failed"));
        case "Cancelled":
          return box -> {
            CompletableFuture<AmpBox> f = new CompletableFuture<>();
            f.cancel(false);
            return f;
          };
        case "Coded":
          return box -> CompletableFuture.failedFuture(new RemoteAmpException("MY_CODE", "café"));
        case "LocatorThrows":
          throw new IllegalStateException("locator");
        default:
          return null;
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"Throws", "Null", "NullBox", "Failed", "Cancelled", "LocatorThrows"})
  void undeclaredFailureSendsUnknownErrorThenCloses(String command) {
    AtomicInteger located = new AtomicInteger();
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(failing(located)))) {
      server.feed(new AmpBox().putString("_ask", "1").putString("_command", command));
      AmpBox error = server.onlyWrittenBox();
      assertEquals(
          new AmpBox().putString("_error", "1").putString("_error_code", "UNKNOWN")
              .putString("_error_description", "Unknown Error"),
          error);
      assertFalse(server.channel.isOpen());
      assertEquals(1, located.get());
    }
  }

  @Test
  void remoteAmpExceptionFromABoxResponderSendsItsCodeAndKeepsTheConnection() {
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(failing(new AtomicInteger())))) {
      server.feed(new AmpBox().putString("_ask", "1").putString("_command", "Coded"));
      AmpBox error = server.onlyWrittenBox();
      assertEquals("MY_CODE", error.getString("_error_code"));
      assertEquals("café", error.getString("_error_description")); // UTF-8
      assertTrue(server.channel.isOpen());
    }
  }

  @Test
  void unhandledCommandNameIsShownAsPythonBytesRepr() {
    try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
      // A name that is not UTF-8 cannot name a Java responder: UNHANDLED, repr'd byte by byte.
      server.feed(dev.spindle.testing.Vectors.hex(
          "00045f61736b000131" + "00085f636f6d6d616e64" + "0003ff2763" + "0000"));
      AmpBox error = server.onlyWrittenBox();
      assertEquals("UNHANDLED", error.getString("_error_code"));
      assertEquals("Unhandled Command: b\"\\xff'c\"", error.getString("_error_description"));
      // Names are case-sensitive: "sum" is not "Sum" (and there is no amp_SUM).
      server.feed(new AmpBox().putString("_ask", "2").putString("_command", "sum"));
      assertEquals("Unhandled Command: b'sum'", server.onlyWrittenBox().getString("_error_description"));
      assertTrue(server.channel.isOpen());
    }
  }

  @Test
  void errorDescriptionIsDecodedAsUtf8WithReplacement() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      CompletableFuture<AmpBox> call = client.connection.callRemoteString("X", new AmpBox());
      client.written();
      client.feed(new AmpBox().putString("_error", "1").putString("_error_code", "E")
          .put("_error_description", new byte[] {'o', (byte) 0xff, 'k'}));
      assertEquals("o\ufffdk", ((RemoteAmpException) failure(call)).description());
    }
  }

  @Test
  void typedCallWithUndeclaredCodeFailsWithUnknownRemoteException() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      CompletableFuture<Sum.Result> call = client.connection.callRemote(GoldenCommands.SUM, new Sum(1, 1));
      client.written();
      client.feed(new AmpBox().putString("_error", "1").putString("_error_code", "WEIRD")
          .putString("_error_description", "odd"));
      UnknownRemoteException e = assertInstanceOf(UnknownRemoteException.class, failure(call));
      assertEquals("WEIRD", e.errorCode());
      assertTrue(client.channel.isOpen());
    }
  }

  @Test
  void answerMissingAResponseKeyFailsTheCallLocally() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      CompletableFuture<Sum.Result> call = client.connection.callRemote(GoldenCommands.SUM, new Sum(1, 1));
      client.written();
      client.feed(new AmpBox().putString("_answer", "1"));
      assertInstanceOf(AmpArgumentException.class, failure(call));
      assertTrue(client.channel.isOpen());
    }
  }

  @Test
  void noAnswerCallDropsAnAskKeyFromItsArguments() {
    try (EmbeddedAmp client = EmbeddedAmp.of(AmpClient.builder())) {
      AmpBox args = new AmpBox().putString("_ask", "zz").putString("k", "v");
      assertNull(client.connection.callRemoteString("X", args, false).getNow(null));
      AmpBox sent = client.onlyWrittenBox();
      assertEquals(new AmpBox().putString("_command", "X").putString("k", "v"), sent);
      // The tag was still consumed.
      client.connection.callRemoteString("X", new AmpBox());
      assertEquals("2", client.onlyWrittenBox().getString("_ask"));
    }
  }

  @Test
  void callMadeBeforeTheChannelIsActiveIsSentOnceItIs() {
    List<CompletableFuture<AmpBox>> early = new ArrayList<>();
    try (EmbeddedAmp client =
        EmbeddedAmp.of(
            AmpClient.builder()
                .onConnection(c -> {
                  early.add(c.callRemoteString("Early", new AmpBox()));
                  c.boxSender().sendBox(new AmpBox().putString("_command", "Raw"));
                }))) {
      List<AmpBox> sent = client.writtenBoxes();
      assertEquals(2, sent.size(), "sent: " + sent);
      assertEquals("Early", sent.get(0).getString("_command"));
      assertEquals("1", sent.get(0).getString("_ask"));
      assertEquals("Raw", sent.get(1).getString("_command"));
      client.feed(new AmpBox().putString("_answer", "1"));
      assertTrue(early.get(0).isDone());
      assertTrue(client.channel.isOpen());
    }
  }

  @Test
  void locatorFactorySeesItsConnectionAndMayCallThePeerBack() {
    // The responder answers after calling the peer back on the same connection.
    try (EmbeddedAmp server =
        EmbeddedAmp.of(
            AmpServer.builder()
                .locatorFactory(
                    connection ->
                        name ->
                            box ->
                                connection
                                    .callRemoteString("Back", new AmpBox().putString("q", "?"))
                                    .thenApply(a -> new AmpBox().put("r", a.get("x")))))) {
      server.feed(new AmpBox().putString("_ask", "1").putString("_command", "Front"));
      AmpBox back = server.onlyWrittenBox();
      assertEquals("Back", back.getString("_command"));
      assertEquals("1", back.getString("_ask")); // the server's own tag counter
      server.feed(new AmpBox().putString("_answer", "1").putString("x", "42"));
      assertEquals(
          new AmpBox().putString("_answer", "1").putString("r", "42"), server.onlyWrittenBox());
    }
  }

  @Test
  void customBoxReceiverGetsEveryBox() {
    List<AmpBox> received = new ArrayList<>();
    List<Throwable> stopped = new ArrayList<>();
    try (EmbeddedAmp amp =
        EmbeddedAmp.of(
            AmpServer.builder()
                .boxReceiverFactory(
                    c ->
                        new dev.spindle.amp.box.BoxReceiver() {
                          dev.spindle.amp.box.BoxSender sender;

                          @Override
                          public void startReceivingBoxes(dev.spindle.amp.box.BoxSender sender) {
                            this.sender = sender;
                          }

                          @Override
                          public void ampBoxReceived(AmpBox box) {
                            received.add(box);
                            sender.sendBox(new AmpBox().putString("echo", "x"));
                          }

                          @Override
                          public void stopReceivingBoxes(Throwable reason) {
                            stopped.add(reason);
                          }
                        }))) {
      amp.feed(dev.spindle.testing.Vectors.hex("0000"));
      assertEquals(1, received.size());
      assertEquals("x", amp.onlyWrittenBox().getString("echo"));
      assertInstanceOf(IllegalStateException.class,
          failure(amp.connection.callRemoteString("X", new AmpBox())));
      amp.channel.close();
      amp.runPendingTasks();
      assertEquals(1, stopped.size());
      assertSame(ConnectionLostException.class, stopped.get(0).getClass());
    }
  }
}
