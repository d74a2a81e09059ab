package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spindle.pb.Transcripts.Message;
import dev.spindle.pb.Transcripts.Step;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Java server with the Java twin of {@code GoldenRoot} replays the server side of every recorded
 * session: fed the Twisted client's bytes, it must write the Twisted server's bytes. The
 * legitimate differences are checked by structure, each named where it is allowed:
 *
 * <ul>
 *   <li>a CopyableFailure's {@code count} (Twisted's process-wide counter; Java counts per
 *       connection);
 *   <li>{@code remote_fail} raises {@code IllegalArgumentException}, sent under its Java name with
 *       {@code builtins.ValueError} among its parents, where Python raises {@code ValueError};
 *   <li>{@code remote_failLater} fails with {@code NoSuchElementException("missing")}: Java name,
 *       {@code builtins.KeyError} among the parents, value {@code missing} where Python's {@code
 *       str(KeyError("missing"))} is {@code 'missing'}, and no {@code pickled} key (Twisted adds it
 *       after a Failure passed through a Deferred);
 *   <li>echoing the {@code Unpersistable} the client sent: Twisted cannot send an {@code
 *       Unpersistable} instance under {@code globalSecurity} and writes {@code "instance of class
 *       twisted.spread.jelly.Unpersistable deemed insecure"}; Java sends the placeholder it holds.
 * </ul>
 */
@LeakChecked
class ServerTranscriptTest {
  @ParameterizedTest
  @ValueSource(strings = {"calls", "errors", "references-and-copies", "cacheable"})
  void javaServerWritesTwistedsBytes(String session) {
    Goldens.GoldenRoot root = new Goldens.GoldenRoot();
    try (EmbeddedPb server = EmbeddedPb.server(root, PbServer.builder().jelly(Goldens.registry(false)))) {
      for (Step step : Transcripts.session(session)) {
        for (Message m : step.messages()) {
          if (m.fromClient()) {
            server.feed(m.hex());
            continue;
          }
          String actual = server.next();
          assertNotNull(actual, step.action() + ": expected " + m.sexp());
          if (!actual.equals(m.hex())) {
            assertEquivalent(step.action(), m.sexp(), EmbeddedPb.decode(actual));
          }
        }
        server.assertNothingWritten(step.action() + ": nothing more");
      }
      assertTrue(server.channel.isOpen());
      if (session.equals("calls")) {
        assertEquals(List.of(7L), root.recorded);
      }
      if (session.equals("cacheable")) {
        assertEquals(1, root.counter.stopped);
        assertTrue(root.counter.observers.isEmpty());
      }
    }
  }

  private static void assertEquivalent(String action, Sexp expected, Sexp actual) {
    if (action.startsWith("echo(goldens.Plain())")) {
      Sexp.SList a = (Sexp.SList) actual;
      assertEquals(((Sexp.SList) expected).get(1), a.get(1));
      Sexp.SList unpersistable = (Sexp.SList) a.get(2);
      assertTrue(((Sexp.Bytes) unpersistable.get(0)).is("unpersistable"));
      assertEquals("Unpersistable data: b'instance of class goldens.Plain deemed insecure'",
          Failures.bytes(unpersistable.get(1)));
      return;
    }
    if (!Failures.isCopyableFailure(expected)) {
      fail(action + ": expected " + expected + " but got " + actual);
    }
    assertEquals(Failures.requestId(expected), Failures.requestId(actual), action);
    Map<String, Sexp> e = Failures.state(expected);
    Map<String, Sexp> a = Failures.state(actual);
    if (action.startsWith("fail('boom')")) {
      assertJavaTyped(e, a, "java.lang.IllegalArgumentException", "builtins.ValueError", action);
      assertEquals(e.get("value"), a.get("value"), action);
    } else if (action.startsWith("failLater()")) {
      assertJavaTyped(e, a, "java.util.NoSuchElementException", "builtins.KeyError", action);
      assertEquals("'missing'", Failures.unicode(e.get("value")));
      assertEquals("missing", Failures.unicode(a.get("value")));
      assertTrue(Failures.parents(a).contains("builtins.LookupError"));
    } else {
      Failures.assertSameExceptCount(e, a, action);
    }
  }

  /** Same keys and values but type, value and parents; the Java type is first, the Python one a parent. */
  private static void assertJavaTyped(Map<String, Sexp> e, Map<String, Sexp> a, String javaType,
      String pythonType, String action) {
    assertEquals(Failures.keysWithoutPickled(e), List.copyOf(a.keySet()), action + ": keys");
    for (String key : a.keySet()) {
      if (!List.of("count", "type", "value", "parents").contains(key)) {
        assertEquals(e.get(key), a.get(key), action + ": " + key);
      }
    }
    assertEquals(pythonType, Failures.bytes(e.get("type")));
    assertEquals(javaType, Failures.bytes(a.get("type")));
    List<String> parents = Failures.parents(a);
    assertEquals(javaType, parents.get(0));
    assertTrue(parents.contains(pythonType), parents.toString());
    assertEquals(List.of("builtins.Exception", "builtins.BaseException", "builtins.object"),
        parents.subList(parents.size() - 3, parents.size()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"unknown-message", "version-mismatch", "non-list-expression", "answer-for-unknown-request"})
  void protocolErrorsCloseTheConnectionWithoutAReply(String session) throws Exception {
    try (EmbeddedPb server = EmbeddedPb.server(new Goldens.GoldenRoot(), PbServer.builder())) {
      List<Step> steps = Transcripts.session(session);
      for (Message m : steps.get(0).messages()) {
        if (m.fromClient()) {
          server.feed(m.hex());
        } else {
          server.assertNext(m.hex(), "connect");
        }
      }
      Step bad = steps.get(1);
      for (Message m : bad.messages()) {
        server.feed(m.hex());
      }
      server.assertNothingWritten(bad.action());
      assertFalse(server.channel.isOpen(), "closed");
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> server.connection.closeFuture().toCompletableFuture().get());
      PbProtocolException p = assertInstanceOf(PbProtocolException.class, e.getCause());
      String twisted = bad.json().getAsJsonObject("exception_escaped_dataReceived").get("message").getAsString();
      if (!session.equals("unknown-message")) {
        assertTrue(p.getMessage().contains(twisted), p.getMessage() + " should contain " + twisted);
      }
    }
  }

  @Test
  void theServerOffersDialectsAndAnswersTheVersion() {
    try (EmbeddedPb server = EmbeddedPb.server(new Goldens.GoldenRoot(), PbServer.builder())) {
      List<Message> connect = Transcripts.session("calls").get(0).messages();
      server.assertNext(connect.get(0).hex(), "offer");
      server.feed(connect.get(1).hex());
      server.assertNext(connect.get(3).hex(), "version");
      assertTrue(server.connection.getRootObject().isDone());
    }
  }
}
