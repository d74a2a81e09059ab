package dev.spindle.interop.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.testing.LeakChecked;
import dev.spindle.examples.pb.typed.TypedPb1;
import dev.spindle.examples.pb.typed.TypedPbSimple;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14: pbsimple and pb1 written with remote interfaces ({@code
 * dev.spindle.examples.pb.typed}) against the howto's Python ({@code howto_pb.py}), both ways.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TypedHowtoInteropTest {
  private static final class Printed {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    List<String> lines() {
      return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  private interface JavaClient {
    void run(String host, int port, PrintStream out) throws Exception;
  }

  private static List<List<String>> twistedClientAgainst(String kind,
      Function<PrintStream, PbServer> start) throws Exception {
    Printed server = new Printed();
    try (PbServer s = start.apply(server.out)) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("howto_pb.py", 30, kind, String.valueOf(s.port()));
      assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
      return List.of(run.lines(), server.lines());
    }
  }

  private static List<List<String>> javaClientAgainstTwisted(String kind, JavaClient client)
      throws Exception {
    Printed printed = new Printed();
    try (TwistedPeer twisted = TwistedPeer.startServer("howto_pb.py", kind)) {
      client.run("127.0.0.1", twisted.port(), printed.out);
      return List.of(printed.lines(), twisted.lines());
    }
  }

  @Test
  void twistedPbSimpleClientAgainstTypedEchoer() throws Exception {
    List<List<String>> lines = twistedClientAgainst("pbsimple", out -> TypedPbSimple.start(0, out));
    assertEquals(List.of("server echoed: hello network"), lines.get(0));
    assertEquals(List.of("echoing: hello network"), lines.get(1));
  }

  @Test
  void typedPbSimpleClientAgainstTwistedEchoer() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("pbsimple", TypedPbSimple::run);
    assertEquals(List.of("server echoed: hello network"), lines.get(0));
    assertEquals(List.of("echoing: hello network"), lines.get(1));
  }

  @Test
  void twistedPb1ClientAgainstTypedServer() throws Exception {
    List<List<String>> lines = twistedClientAgainst("pb1", out -> TypedPb1.start(0, out));
    assertEquals(List.of("got first object: RemoteReference", "asking it to getTwo",
        "got second object: RemoteReference", "telling it to do three(12)"), lines.get(0));
    assertEquals(List.of("returning a Two", "Two.three was given 12"), lines.get(1));
  }

  @Test
  void typedPb1ClientAgainstTwistedServer() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("pb1", TypedPb1::run);
    assertEquals(List.of("got first object: One_PbStub", "asking it to getTwo",
        "got second object: Two_PbStub", "telling it to do three(12)"), lines.get(0));
    assertEquals(List.of("returning a Two called Two", "Two.three was given 12"), lines.get(1));
  }
}
