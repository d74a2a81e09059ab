package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.testing.GoldenServer;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, finding 3 (AMP) and finding 7 (AMP): what the peer's bad input costs in log lines,
 * and what a responder's VM error shows the peer. Before the fix each box with one unparsable
 * argument logged "undeclared exception in a responder" at WARN with a full stack trace (39 lines).
 */
@LeakChecked
class PeerErrorLoggingTest {
  /** A Sum whose first argument does not parse: 38 bytes on the wire, as in the issue. */
  private static AmpBox badSum() {
    return new AmpBox().putString("_ask", "1").putString("_command", "Sum")
        .putString("a", "x").putString("b", "1");
  }

  @Test
  void thousandBadBoxesOnThousandConnectionsLogFewLines() {
    try (LogCapture log = LogCapture.start()) {
      for (int i = 0; i < 1000; i++) {
        try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
          server.feed(badSum());
          AmpBox error = server.onlyWrittenBox();
          assertEquals("UNKNOWN", error.getString("_error_code"));
          assertFalse(server.channel.isOpen(), "closed, as Twisted closes after UNKNOWN");
        }
      }
      // At most 10 summaries per 10 s; a slow run may see a second window.
      assertTrue(log.lines() <= 30, log.lines() + " lines:\n" + log.text());
      assertTrue(log.linesContaining("undeclared exception").isEmpty(), log.text());
      assertFalse(log.linesContaining("1 bad input from the peer").isEmpty(), log.text());
    }
  }

  @Test
  void thousandUnknownCommandsOnOneConnectionLogOneSummary() {
    try (LogCapture log = LogCapture.start()) {
      try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
        for (int i = 0; i < 1000; i++) {
          server.feed(new AmpBox().putString("_ask", Integer.toHexString(i + 1))
              .putString("_command", "Nope\n[WARN] forged"));
        }
        assertEquals(1000, server.writtenBoxes().size());
        assertTrue(server.channel.isOpen(), "UNHANDLED keeps the connection open");
        server.channel.close();
        server.runPendingTasks();
      }
      assertEquals(1, log.lines(), log.text());
      String line = log.text();
      assertTrue(line.contains("WARN"), line);
      assertTrue(line.contains("1000 bad inputs from the peer"), line);
      assertTrue(line.contains("127.0.0.1") || line.contains("embedded"), line);
      assertFalse(line.contains("\n[WARN] forged"), "control characters escaped: " + line);
    }
  }

  @Test
  void aResponderThatThrowsIsStillAWarningWithItsStackTrace() {
    try (LogCapture log = LogCapture.start()) {
      try (EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(new GoldenServer()))) {
        server.feed(new AmpBox().putString("_ask", "1").putString("_command", "Explode")
            .putString("how", "undeclared"));
        assertEquals("UNKNOWN", server.onlyWrittenBox().getString("_error_code"));
      }
      assertEquals(1, log.linesContaining("undeclared exception in a responder").size(), log.text());
      assertTrue(log.text().contains("IllegalStateException: an undeclared error"), log.text());
      assertTrue(log.text().contains("\tat dev.spindle.amp.testing.GoldenServer"), log.text());
    }
  }

  @Test
  void aVmErrorInAResponderIsNeverSentAndClosesTheConnection() {
    assertVmErrorHidden(() -> {
      throw new OutOfMemoryError("secret heap text");
    });
  }

  @Test
  void aVmErrorFailingTheStageIsNeverSentAndClosesTheConnection() {
    assertVmErrorHidden(() -> CompletableFuture.failedFuture(new StackOverflowError("secret heap text")));
  }

  @Test
  void aVmErrorCompletingLaterIsNeverSentAndClosesTheConnection() {
    CompletableFuture<AmpBox> later = new CompletableFuture<>();
    try (LogCapture log = LogCapture.start();
        EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(locator(() -> later)))) {
      server.feed(new AmpBox().putString("_ask", "1").putString("_command", "Boom"));
      later.completeExceptionally(new OutOfMemoryError("secret heap text"));
      server.runPendingTasks();
      assertHidden(server);
    }
  }

  private static void assertVmErrorHidden(Supplier<CompletableFuture<AmpBox>> respond) {
    try (LogCapture log = LogCapture.start();
        EmbeddedAmp server = EmbeddedAmp.of(AmpServer.builder().locator(locator(respond)))) {
      server.feed(new AmpBox().putString("_ask", "1").putString("_command", "Boom"));
      assertHidden(server);
    }
  }

  private static void assertHidden(EmbeddedAmp server) {
    for (byte[] written : server.written()) {
      String text = new String(written, StandardCharsets.ISO_8859_1);
      assertFalse(text.contains("secret"), text);
      assertFalse(text.contains("Error"), "no error box at all: " + text);
    }
    assertFalse(server.channel.isOpen());
    CompletableFuture<Void> closed = server.connection.closeFuture().toCompletableFuture();
    assertTrue(closed.isCompletedExceptionally());
    assertInstanceOf(VirtualMachineError.class, TranscriptReplayTest.failure(closed));
  }

  private static CommandLocator locator(Supplier<CompletableFuture<AmpBox>> respond) {
    BoxResponder r = box -> respond.get();
    return name -> name.equals("Boom") ? r : null;
  }
}
