package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.PythonName;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, items 3, 6 and 8: Python names of Java exceptions (per class and per builder), Java
 * exceptions read from Python types, CopyableFailure as a value, and Python builtins among the
 * parents of errors about malformed input.
 */
@LeakChecked
class FailureNamesTest {
  @PythonName(value = "mymodule.SinkError", parents = "builtins.ValueError")
  static class SinkError extends RuntimeException {
    SinkError(String message) {
      super(message);
    }
  }

  static final class DeepSinkError extends SinkError {
    DeepSinkError() {
      super("deep");
    }
  }

  record Pond(List<Object> ducks) {}

  public static final class Root implements Referenceable {
    public void remote_sink() {
      throw new SinkError("full");
    }

    public void remote_deep() {
      throw new DeepSinkError();
    }

    public void remote_state() {
      throw new IllegalStateException("not now");
    }

    public void remote_argument() {
      throw new IllegalArgumentException("bad");
    }

    public Object remote_echo(Object value) {
      return value;
    }
  }

  private static Throwable failure(EmbeddedPair pair, CompletableFuture<?> f) {
    pair.pump();
    return assertThrows(CompletionException.class, f::join).getCause();
  }

  @Test
  void exceptionsGoOutUnderTheirPythonNamesAndComeBackAsChosenJavaClasses() {
    PbServer.Builder server = PbServer.builder()
        .pythonName(IllegalStateException.class, "builtins.RuntimeError")
        .jelly(JellyRegistry.builder()
            .register("ponds.Pond", Pond.class, p -> Map.of("ducks", p.ducks()), s -> new Pond(List.of()))
            .build());
    @SuppressWarnings("unchecked")
    PbClient.Builder client = PbClient.builder()
        .remoteException("builtins.ValueError", e -> new NumberFormatException(e.value()))
        .jelly(JellyRegistry.builder()
            .registerAnyState("ponds.Pond", Pond.class, Pond::ducks, s -> new Pond((List<Object>) s))
            .build());
    try (EmbeddedPair pair = new EmbeddedPair(new Root(), server, client)) {
      RemoteReference root = pair.root();
      // @PythonName: its type, its parents; read back by the nearest type with a reader
      NumberFormatException read = assertInstanceOf(NumberFormatException.class, failure(pair, root.callRemote("sink")));
      RemotePbException sink = assertInstanceOf(RemotePbException.class, read.getCause());
      assertEquals("mymodule.SinkError", sink.typeName());
      assertEquals("full", read.getMessage());
      assertEquals(List.of("mymodule.SinkError", "builtins.ValueError", "java.lang.RuntimeException",
          "java.lang.Exception", "java.lang.Throwable", "builtins.Exception", "builtins.BaseException",
          "builtins.object"), sink.parents());
      RemotePbException deep = (RemotePbException) failure(pair, root.callRemote("deep")).getCause();
      assertEquals(FailureNamesTest.DeepSinkError.class.getName(), deep.typeName());
      assertTrue(deep.check("mymodule.SinkError", "builtins.ValueError"), deep.parents().toString());
      // the builder's mapping for a class one cannot annotate
      RemotePbException state = assertInstanceOf(RemotePbException.class, failure(pair, root.callRemote("state")));
      assertEquals("builtins.RuntimeError", state.typeName());
      // without a mapping: the Java name, ValueError among the parents (trap(ValueError) works)
      RemotePbException argument = (RemotePbException) failure(pair, root.callRemote("argument")).getCause();
      assertEquals("java.lang.IllegalArgumentException", argument.typeName());
      assertTrue(argument.check("builtins.ValueError"));
      // item 8: a list state for a dictionary copy fails as Twisted's RemoteCopy does: AttributeError
      // (not a ValueError, so the client's ValueError mapping leaves it a RemotePbException)
      RemotePbException malformed = assertInstanceOf(RemotePbException.class, failure(pair,
          root.callRemote("echo", new Pond(List.of("a")))));
      assertEquals("dev.spindle.pb.jelly.JellyAttributeException", malformed.typeName());
      assertTrue(malformed.check("builtins.AttributeError"), "Twisted's AttributeError: " + malformed.parents());
      assertFalse(malformed.check("builtins.ValueError"), malformed.parents().toString());
      assertFalse(malformed.check("builtins.TypeError"), malformed.parents().toString());
      assertTrue(malformed.value().contains("'list' object has no attribute 'items'"), malformed.value());
    }
  }

  @Test
  void aCopyableFailureIsAValueBothWays() {
    try (EmbeddedPair pair = new EmbeddedPair(new Root())) {
      RemoteReference root = pair.root();
      CopyableFailure sent = CopyableFailure.of(new SinkError("as a value"));
      assertEquals("mymodule.SinkError", sent.typeName());
      assertTrue(sent.check("builtins.ValueError"));
      CompletableFuture<Object> echoed = root.callRemote("echo", sent);
      pair.pump();
      CopyableFailure back = assertInstanceOf(CopyableFailure.class, echoed.join());
      assertEquals(List.of(sent.typeName(), sent.value(), sent.parents()),
          List.of(back.typeName(), back.value(), back.parents()));
      assertEquals("Traceback unavailable\n", back.traceback(), "as Twisted sends it");
      CopyableFailure byHand = CopyableFailure.of("buildbot.Interrupted", "stop", List.of());
      CompletableFuture<Object> f = root.callRemote("echo", List.of(byHand, byHand));
      pair.pump();
      List<?> both = (List<?>) f.join();
      assertEquals(2, both.size());
      assertEquals(byHand.parents(), ((CopyableFailure) both.get(1)).parents());
      assertEquals(List.of("buildbot.Interrupted", "builtins.Exception", "builtins.BaseException", "builtins.object"),
          byHand.parents());
      RemotePbException asError = byHand.toException();
      assertSame(RemotePbException.class, asError.getClass());
      assertEquals("buildbot.Interrupted", asError.typeName());
    }
  }

  /** Twisted's test_pbfailure test_unjelliedFailureCheck and test_twiceUnjelliedFailureCheck. */
  @Test
  void aFailureCopiedTwiceChecksAsTheOriginal() {
    try (EmbeddedPair pair = new EmbeddedPair(new Root())) {
      RemoteReference root = pair.root();
      CopyableFailure original = CopyableFailure.of(new ArithmeticException());
      assertTrue(original.check("builtins.ZeroDivisionError") && original.check("builtins.ArithmeticError"));
      CompletableFuture<Object> once = root.callRemote("echo", original);
      pair.pump();
      CopyableFailure copiedOnce = (CopyableFailure) once.join();
      assertTrue(copiedOnce.check("builtins.ZeroDivisionError") && copiedOnce.check("builtins.ArithmeticError"));
      CopyableFailure derivative = CopyableFailure.of(copiedOnce.toException());
      CompletableFuture<Object> twice = root.callRemote("echo", derivative);
      pair.pump();
      CopyableFailure copiedTwice = (CopyableFailure) twice.join();
      assertTrue(copiedTwice.check("builtins.ZeroDivisionError") && copiedTwice.check("builtins.ArithmeticError"));
      assertEquals(original.typeName(), copiedTwice.typeName());
    }
  }
}
