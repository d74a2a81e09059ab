package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.spindle.pb.Transcripts.Message;
import dev.spindle.pb.Transcripts.Step;
import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.jelly.Unpersistable;
import dev.spindle.testing.LeakChecked;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Java client replays the client side of every recorded session: its calls must write the
 * Twisted client's bytes exactly, and fed the Twisted server's bytes it must produce the results
 * the Twisted client got.
 */
@LeakChecked
class ClientTranscriptTest {
  /** Replays one session step by step: the action, then the messages in order, then the result. */
  private static final class Replay {
    private final EmbeddedPb client;
    private final List<Step> steps;
    private int next;

    Replay(EmbeddedPb client, String session) {
      this.client = client;
      this.steps = Transcripts.session(session);
    }

    /** Runs {@code action}, plays the step's messages, and checks the recorded result. */
    Object step(Supplier<CompletableFuture<?>> action) {
      Step step = steps.get(next++);
      CompletableFuture<?> result = action.get();
      for (Message m : step.messages()) {
        if (m.fromClient()) {
          client.assertNext(m.hex(), step.action() + ": " + m.sexp());
        } else {
          client.feed(m.hex());
        }
      }
      client.assertNothingWritten(step.action() + ": nothing more");
      JsonObject json = step.json();
      if (json.has("client_result") || json.has("client_result_error")) {
        assertNotNull(result, step.action() + " has a result");
        assertTrue(result.isDone(), step.action() + ": answered");
      }
      if (json.has("client_result")) {
        Object value = result.join();
        TypedValues.assertMatches(json.get("client_result"), value, step.action());
        return value;
      }
      if (json.has("client_result_error")) {
        CompletionException e = assertThrows(CompletionException.class, result::join);
        return e.getCause();
      }
      return result == null ? null : result.getNow(null);
    }

    void done() {
      assertEquals(steps.size(), next, "every step replayed");
    }
  }

  private static EmbeddedPb client(boolean withGoldenError) {
    return EmbeddedPb.client(PbClient.builder()
        .jelly(Goldens.registry(withGoldenError))
        .remoteCache("goldens.Counter", Goldens.RemoteCounter::new));
  }

  private static byte[] b(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  private static void assertCopiedFailure(Object failure, Step step) {
    JsonObject e = step.json().getAsJsonObject("client_result_error");
    assertEquals("CopiedFailure", e.get("received_as").getAsString());
    RemotePbException r = assertInstanceOf(RemotePbException.class, failure, step.action());
    assertEquals(e.get("type").getAsString(), r.typeName());
    assertEquals(e.get("value").getAsString(), r.value());
    assertEquals(e.get("traceback").getAsString(), r.remoteTraceback());
    assertTrue(r.check(r.typeName(), "builtins.Exception"));
    assertEquals("builtins.object", r.parents().get(r.parents().size() - 1));
  }

  @Test
  void calls() {
    try (EmbeddedPb client = client(false)) {
      Replay r = new Replay(client, "calls");
      r.step(() -> null);
      RemoteReference root = client.connection.getRootObject().join();
      assertEquals("root", root.luid());
      r.step(() -> root.callRemote("echo", 42));
      r.step(() -> root.callRemote("echo", -7));
      r.step(() -> root.callRemote("echo", 1L << 40));
      r.step(() -> root.callRemote("echo", 1.5));
      r.step(() -> root.callRemote("echo", "h\u00e9llo"));
      r.step(() -> root.callRemote("echo", (Object) b("bytes")));
      r.step(() -> root.callRemote("echo", (Object) b("list")));
      r.step(() -> root.callRemote("echo", (Object) null));
      r.step(() -> root.callRemote("echo", true));
      LinkedHashMap<String, Object> k = new LinkedHashMap<>();
      k.put("k", Arrays.asList((Object) null));
      r.step(() -> root.callRemote("echo", List.of(1, 2.5, Tuple.of((Object) b("t")), k, Set.of(3),
          new BigDecimal("1.5"), LocalDateTime.of(2022, 4, 1, 12, 0), LocalDate.of(2022, 4, 1),
          LocalTime.of(1, 2, 3), Duration.ofSeconds(90))));
      List<Object> shared = new ArrayList<>(List.of((Object) b("shared")));
      Object echoed = r.step(() -> root.callRemote("echo", List.of(shared, shared)));
      assertSame(((List<?>) echoed).get(0), ((List<?>) echoed).get(1));
      r.step(() -> root.callRemoteWithKeywords("add", List.of(1), Map.of("b", 2)));
      r.step(() -> root.callRemote("echo", new Unpersistable("instance of class goldens.Plain deemed insecure")));
      r.step(() -> {
        root.callRemoteNoAnswer("record", 7);
        return null;
      });
      Step noSuchMethod = Transcripts.session("calls").get(15);
      assertCopiedFailure(r.step(() -> root.callRemote("noSuchMethod")), noSuchMethod);
      Step bogus = Transcripts.session("calls").get(16);
      assertCopiedFailure(r.step(() -> client.connection.remoteForLuid(99).callRemote("echo", 1)), bogus);
      r.done();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void errors(boolean goldenErrorRegistered) {
    try (EmbeddedPb client = client(goldenErrorRegistered)) {
      List<Step> steps = Transcripts.session("errors");
      Replay r = new Replay(client, "errors");
      r.step(() -> null);
      RemoteReference root = client.connection.getRootObject().join();
      assertCopiedFailure(r.step(() -> root.callRemote("fail", "boom")), steps.get(1));
      assertCopiedFailure(r.step(() -> root.callRemote("failPB", "nope")), steps.get(2));
      Object keyError = r.step(() -> root.callRemote("failLater"));
      assertCopiedFailure(keyError, steps.get(3));
      assertTrue(((RemotePbException) keyError).check("builtins.LookupError"));
      Object copied = r.step(() -> root.callRemote("failCopyable"));
      if (goldenErrorRegistered) {
        assertEquals(42, assertInstanceOf(Goldens.GoldenError.class, copied).code);
      } else {
        RemotePbException e = assertInstanceOf(RemotePbException.class, copied);
        assertEquals("goldens.GoldenError", e.typeName());
        assertTrue(e.check("goldens.GoldenError"));
      }
      r.done();
    }
  }

  @Test
  void referencesAndCopies() {
    try (EmbeddedPb client = client(false)) {
      Replay r = new Replay(client, "references-and-copies");
      r.step(() -> null);
      RemoteReference root = client.connection.getRootObject().join();
      RemoteReference child = (RemoteReference) r.step(() -> root.callRemote("getChild"));
      r.step(() -> child.callRemote("ping", 5));
      r.step(() -> root.callRemote("isChild", child));
      Goldens.ClientCallback cb = new Goldens.ClientCallback();
      r.step(() -> root.callRemote("callMeBack", cb, 21));
      r.step(() -> root.callRemote("callMeBack", cb, 5));
      r.step(() -> root.callRemote("echo", List.of(cb, cb)));
      r.step(() -> {
        child.release();
        return null;
      });
      assertFalse(child.isConnected());
      r.step(() -> root.callRemote("getPoint"));
      r.step(() -> root.callRemote("sumPoint", new Goldens.CopyPoint(3, 4)));
      r.done();
      CompletionException dead = assertThrows(CompletionException.class, () -> child.callRemote("ping", 1).join());
      assertInstanceOf(DeadReferenceException.class, dead.getCause());
    }
  }

  @Test
  void cacheable() {
    try (EmbeddedPb client = client(false)) {
      Replay r = new Replay(client, "cacheable");
      r.step(() -> null);
      RemoteReference root = client.connection.getRootObject().join();
      Goldens.RemoteCounter c1 = (Goldens.RemoteCounter) r.step(() -> root.callRemote("getCounter"));
      assertEquals(1, c1.copies());
      r.step(() -> root.callRemote("increment"));
      assertEquals(1, c1.value);
      Object c2 = r.step(() -> root.callRemote("getCounter"));
      assertSame(c1, c2);
      assertEquals(2, c1.copies());
      r.step(() -> root.callRemote("isCounter", c1));
      r.step(() -> {
        c1.release();
        return null;
      });
      r.step(() -> {
        c1.release();
        return null;
      });
      c1.release(); // nothing left to release: nothing is sent
      client.assertNothingWritten("no third decache");
      assertEquals(0, c1.copies());
      r.done();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"unknown-message", "version-mismatch", "non-list-expression", "answer-for-unknown-request"})
  void protocolErrorsFromTheServerCloseTheConnection(String session) {
    try (EmbeddedPb client = client(false)) {
      List<Step> steps = Transcripts.session(session);
      Replay r = new Replay(client, session);
      r.step(() -> null);
      RemoteReference root = client.connection.getRootObject().join();
      CompletableFuture<Object> pending = root.callRemote("echo", 1);
      client.next(); // the call
      for (Message m : steps.get(1).messages()) {
        client.feed(m.hex()); // the same malformed message, now from the server
      }
      client.assertNothingWritten("no reply");
      assertFalse(client.channel.isOpen());
      CompletionException lost = assertThrows(CompletionException.class, pending::join);
      PbConnectionLostException e = assertInstanceOf(PbConnectionLostException.class, lost.getCause());
      assertInstanceOf(PbProtocolException.class, e.getCause());
      CompletionException dead = assertThrows(CompletionException.class, () -> root.callRemote("echo", 2).join());
      assertInstanceOf(DeadReferenceException.class, dead.getCause());
    }
  }
}
