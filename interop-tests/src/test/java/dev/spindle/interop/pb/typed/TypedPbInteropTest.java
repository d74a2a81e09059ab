package dev.spindle.interop.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.testing.LeakChecked;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
      assertTrue(run.lines().contains("34 typed cases, 0 failed"), all);
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
}
