package dev.spindle.interop.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.testing.LeakChecked;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.exceptions.PbConversionException;
import dev.spindle.pb.jelly.JellyRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14: the kitchen-sink remote interface {@link ShapesRoot} against real Twisted 22.4, both
 * ways. A Twisted client calls every root case of fidelity_peer.py on the generated skeleton and
 * on the Python ShapesRoot and finds the same answers and the same CPython TypeError texts; the
 * generated stub calls the Python ShapesRoot with every parameter shape.
 */
@Tag("interop")
@LeakChecked
class TypedPbInteropTest {
  /** The records Elementwise sends by value, registered by its generated stub. */
  private static final JellyRegistry COPIES =
      Elementwise_PbStub.registerCopies(JellyRegistry.builder()).build();

  private static <T> T await(CompletionStage<T> f) throws Exception {
    return f.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void twistedClientFindsTheSkeletonAnsweringAsPython() throws Exception {
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0)
            .root(ShapesRoot_PbSkeleton.of(new TypedShapes())).start();
        TwistedPeer python = TwistedPeer.startServer("fidelity_peer.py")) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("fidelity_peer.py", 60, "typed",
          String.valueOf(server.port()), String.valueOf(python.port()));
      String all = String.join("\n", run.lines());
      assertEquals(List.of(), run.linesStartingWith("FAIL"), all);
      assertEquals(0, run.exitCode(), all);
      assertTrue(run.lines().contains("39 typed cases, 0 failed"), all);
      assertTrue(run.lines().contains("ok look(1, 2, 3) -> ('failure', 'builtins.TypeError',"
          + " 'ShapesRoot.Look.view_look() takes from 3 to 4 positional arguments but 5 were"
          + " given')"), all);
      assertTrue(run.lines().contains("ok shapes(1, 2, 3, 4, k='K', z=5) -> ('answer', [1, 2, [3, 4], 'K', 'x', {'z': 5}])"), all);
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void stubCallsTwistedWithEveryShape() throws Exception {
    try (TwistedPeer python = TwistedPeer.startServer("fidelity_peer.py");
        PbClient client = PbClient.builder().build()) {
      ShapesRoot shapes = ShapesRoot_PbStub.of(await(client.getRootObject("127.0.0.1", python.port())));
      assertEquals(6L, await(shapes.increment(5)));
      assertEquals(List.of(List.of(1L, "two"), Map.of("z", 3L)),
          await(shapes.kwargs(List.of(1L, "two"), Map.of("z", 3L))));
      assertEquals(Arrays.asList(1L, 2L, List.of(3L, 4L), "K", "y", Map.of("z", 5L)),
          await(shapes.shapes(1L, 2L, List.of(3L, 4L), "K", "y", Map.of("z", 5L))));
      assertEquals(3L, await(shapes.ko(3L)));
      assertEquals(6L, await(shapes.sum(1, 2, 3)));
      assertEquals(0L, await(shapes.sum()));
      assertEquals(Arrays.asList(1L, null, "c"), await(shapes.two(1L, null, "c")));
      assertEquals("HELLO ANN!", await(shapes.greet("ann", true, "!")));
      assertEquals("hello guest", await(shapes.greet("guest", false, null)));
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void twistedClientFindsTheSkeletonCheckingEachElement() throws Exception {
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0)
            .jelly(COPIES).root(Elementwise_PbSkeleton.of(new TypedElements())).start();
        TwistedPeer python = TwistedPeer.startServer("fidelity_peer.py", "elements")) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("fidelity_peer.py", 60, "elements",
          String.valueOf(server.port()), String.valueOf(python.port()));
      String all = String.join("\n", run.lines());
      assertEquals(List.of(), run.linesStartingWith("FAIL"), all);
      assertEquals(0, run.exitCode(), all);
      for (String line : List.of(
          "java ints((3, 4)) -> ('answer', [3, 4])",
          "java ints([1, 2**40]) -> ('failure', 'builtins.TypeError', \"Elementwise.remote_ints()"
              + " argument 'xs': [1]: value 1099511627776 out of range for Integer (expected:"
              + " -2147483648..2147483647)\")",
          "java ints([1, 'x']) -> ('failure', 'builtins.TypeError', \"Elementwise.remote_ints()"
              + " argument 'xs': [1]: expected Integer, got str 'x'\")",
          "java groups({'a': [1, 'x']}) -> ('failure', 'builtins.TypeError',"
              + " \"Elementwise.remote_groups() argument 'groups': ['a'][1]: expected Long, got"
              + " str 'x'\")",
          "java groups({1: [1]}) -> ('failure', 'builtins.TypeError',"
              + " \"Elementwise.remote_groups() argument 'groups': <key 1>: expected String, got"
              + " int 1\")",
          "java names(frozenset({'a'})) -> ('answer', {'a'})",
          "java names({2}) -> ('failure', 'builtins.TypeError', \"Elementwise.remote_names()"
              + " argument 'names': <element 2>: expected String, got int 2\")",
          "java maybe() -> ('answer', None)",
          "java maybe(2) -> ('answer', 4.0)",
          "java mirror(Point(1, 2, 'a', [Point(3, 4)])) -> ('answer', Point(label='A',"
              + " neighbours=[Point(label=None, neighbours=[], x=3, y=4)], x=2, y=1))",
          "java mirror(Point('x', 2)) -> ('failure', 'dev.spindle.pb.jelly.MalformedJellyException',"
              + " \"spindle.fidelity.Point: the factory of dev.spindle.interop.pb.typed.Point"
              + " refused the state dict {'x': 'x', 'y': 2, 'label': None, 'ne...:"
              + " dev.spindle.pb.exceptions.PbConversionException: copy of spindle.fidelity.Point:"
              + " .x: expected long, got str 'x'\")",
          "java mirror(5) -> ('failure', 'builtins.TypeError', \"Elementwise.remote_mirror()"
              + " argument 'p': expected Point, got int 5\")",
          "java maybe(label=1) -> ('failure', 'builtins.TypeError', \"Elementwise.remote_maybe()"
              + " argument 'label': expected String, got int 1\")")) {
        assertTrue(run.lines().contains(line), line + " in\n" + all);
      }
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void stubConvertsTwistedAnswersElementByElement() throws Exception {
    try (TwistedPeer python = TwistedPeer.startServer("fidelity_peer.py", "elements");
        PbClient client = PbClient.builder().jelly(COPIES).build()) {
      var root = await(client.getRootObject("127.0.0.1", python.port()));
      Elementwise elements = Elementwise_PbStub.of(root);
      assertEquals(List.of(1, -2), await(elements.ints(List.of(1, -2))));
      assertEquals(Map.of("a", List.of(1L, 2L)), await(elements.groups(Map.of("a", List.of(1L, 2L)))));
      assertEquals(Set.of("x"), await(elements.names(Set.of("x"))));
      assertEquals(Optional.of(3.0), await(elements.maybe(Optional.of(1.5), Optional.empty())));
      assertEquals(Optional.empty(), await(elements.maybe(Optional.empty(), Optional.of("l"))));
      assertEquals(new Point(2, 1, Optional.of("A"), List.of(Point.of(3, 4))),
          await(elements.mirror(new Point(1, 2, Optional.of("a"), List.of(Point.of(3, 4))))));

      NarrowElements narrow = NarrowElements_PbStub.of(root);
      ExecutionException e = assertThrows(ExecutionException.class, () -> narrow.intGroups(
          Map.of("a", List.of(1L, 1L << 40))).get(20, TimeUnit.SECONDS));
      PbConversionException wrong = assertInstanceOf(PbConversionException.class, e.getCause());
      assertEquals("result of NarrowElements.intGroups", wrong.where());
      assertEquals("['a'][1]", wrong.path());
      assertEquals("result of NarrowElements.intGroups: ['a'][1]: value 1099511627776 out of range"
          + " for Integer (expected: -2147483648..2147483647)", wrong.getMessage());
    }
  }
}
