package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, item 1: a real Twisted 22.4 client calls the same methods with the same arguments on
 * a Java root ({@link ShapesRoot}) and on its Python twin (fidelity_peer.py), every parameter shape
 * Python has (defaults, *args, keyword-only, **kw, a view_ method), and finds the same answers and
 * the same CPython 3.11 TypeError texts. Item 2: a Copyable whose state is a list goes both ways. Item 4: a method pages into the
 * caller's collector, then calls the collector's {@code summary}.
 */
@Tag("interop")
@LeakChecked
class PythonShapesInteropTest {
  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void everyParameterShapeAnswersAsPythonDoes() throws Exception {
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0).root(new ShapesRoot())
            .jelly(ShapesRoot.registry())
            .pythonName(IllegalArgumentException.class, "builtins.ValueError")
            .start();
        TwistedPeer python = TwistedPeer.startServer("fidelity_peer.py")) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("fidelity_peer.py", 60, "shapes",
          String.valueOf(server.port()), String.valueOf(python.port()));
      String all = String.join("\n", run.lines());
      assertEquals(List.of(), run.linesStartingWith("FAIL"), all);
      assertEquals(0, run.exitCode(), all);
      assertTrue(run.lines().contains("39 cases, 0 failed"), all);
      // items 3 and 6: Python names of Java exceptions; a CopyableFailure as a value both ways
      for (String check : List.of(
          "ok sink() traps as SinkError and ValueError: ('failure', 'fidelity_peer.SinkError', 'sink full', True)",
          "ok badValue() is a builtins.ValueError: ('failure', 'builtins.ValueError', 'bad value', True)",
          "ok complete(pb.CopyableFailure(ValueError)) is received as a failure value: ('answer', ['received as a value', 'builtins.ValueError', 'boom', True])",
          "ok sendFailure(ref) sends a CopyableFailure as an argument: ('answer', ['completed', 'builtins.ValueError', 'bad', True])")) {
        assertTrue(run.lines().contains(check), check + "\n" + all);
      }
      // item 4: the pager's handle is its own; the method's reference still calls the collector
      assertTrue(run.lines().contains("ok paged into a collector, then called its summary: ('answer', [3, 250, True])"), all);
      // item 8: a dictionary-only copy sent a list: both fail with AttributeError, as Twisted's
      // RemoteCopy.setCopyableState does (state.items()), not TypeError or ValueError
      assertTrue(run.lines().contains("java: a list as a dictionary-only state -> "
          + "('failure', 'dev.spindle.pb.jelly.JellyAttributeException', False, True, False)"), all);
      assertTrue(run.lines().contains("python: a list as a dictionary-only state -> "
          + "('failure', 'builtins.AttributeError', False, True, False)"), all);
      // KeyError / OverflowError where Twisted raises them, trapped alike on both servers
      assertTrue(run.lines().contains("ok cached 999999 (no such cache) fails with KeyError, not ValueError: "
          + "('failure', True, True, False)"), all);
      assertTrue(run.lines().contains("ok timedelta 1000000000 days fails with OverflowError, not ValueError: "
          + "('failure', True, True, False)"), all);
      // item 2: a Copyable whose state is a list, both ways
      assertTrue(run.lines().contains("ok java sends a Pond whose state is a list"), all);
      assertTrue(run.lines().contains("ok java receives a Pond whose state is a list"), all);
      for (String text : List.of(
          "ShapesRoot.remote_increment() takes from 1 to 2 positional arguments but 3 were given",
          "ShapesRoot.remote_increment() got an unexpected keyword argument 'x'",
          "ShapesRoot.remote_increment() got multiple values for argument 'by'",
          "ShapesRoot.remote_two() missing 3 required positional arguments: 'a', 'b', and 'c'",
          "ShapesRoot.remote_ko() missing 1 required keyword-only argument: 'k'",
          "ShapesRoot.remote_ko() takes 1 positional argument but 3 positional arguments (and 1 keyword-only argument) were given",
          "ShapesRoot.Look.view_look() missing 1 required positional argument: 'x'")) {
        assertTrue(all.contains("'builtins.TypeError', \"" + text + "\")")
            || all.contains("'builtins.TypeError', '" + text + "')"), text + "\n" + all);
      }
    }
  }

  /** An application exception a Java client maps a Python one to. */
  static final class SinkFullException extends RuntimeException {
    SinkFullException(String message) {
      super(message);
    }
  }

  /**
   * Item 3, the way back: a Java client names the Java exceptions Twisted's failures become
   * ({@code remoteException}), by the Python class or by any of its parents, and keeps the remote
   * failure as the cause.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aJavaClientMapsTwistedFailuresToChosenJavaExceptions() throws Exception {
    try (TwistedPeer python = TwistedPeer.startServer("fidelity_peer.py");
        PbClient client = PbClient.builder()
            .remoteException("fidelity_peer.SinkError", e -> new SinkFullException(e.value()))
            .remoteException("builtins.ValueError", e -> new NumberFormatException(e.value()))
            .build()) {
      RemoteReference root = client.getRootObject("127.0.0.1", python.port()).get(20, TimeUnit.SECONDS);
      // by its own class (fidelity_peer.SinkError is also a ValueError: the first mapping wins)
      ExecutionException sink = assertThrows(ExecutionException.class,
          () -> root.callRemote("sink").get(20, TimeUnit.SECONDS));
      SinkFullException full = assertInstanceOf(SinkFullException.class, sink.getCause());
      assertEquals("sink full", full.getMessage());
      RemotePbException cause = assertInstanceOf(RemotePbException.class, full.getCause());
      assertEquals("fidelity_peer.SinkError", cause.typeName());
      // by a parent: builtins.ValueError
      ExecutionException bad = assertThrows(ExecutionException.class,
          () -> root.callRemote("badValue").get(20, TimeUnit.SECONDS));
      assertEquals("bad value", assertInstanceOf(NumberFormatException.class, bad.getCause()).getMessage());
      // unmapped: the RemotePbException itself (a TypeError from a wrong argument count)
      ExecutionException unmapped = assertThrows(ExecutionException.class,
          () -> root.callRemote("two", 1).get(20, TimeUnit.SECONDS));
      assertEquals("builtins.TypeError",
          assertInstanceOf(RemotePbException.class, unmapped.getCause()).typeName());
    }
  }
}
