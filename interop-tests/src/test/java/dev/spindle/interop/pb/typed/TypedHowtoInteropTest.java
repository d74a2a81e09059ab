package dev.spindle.interop.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.testing.LeakChecked;
import dev.spindle.examples.pb.typed.TypedPb1;
import dev.spindle.examples.pb.typed.TypedPb2;
import dev.spindle.examples.pb.typed.TypedPb3;
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
 * Issue 14: pbsimple, pb1, pb2 and pb3 written with remote interfaces ({@code
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

  private static final List<String> PB2_SERVER = List.of(
      "One.getTwo(), returning my two called Two",
      "One.checkTwo(): comparing my two Two",
      "One.checkTwo(): against your two Two",
      "One.checkTwo(): our twos are the same");

  @Test
  void twistedPb2ClientGivesTheTwoBackToTypedServer() throws Exception {
    List<List<String>> lines = twistedClientAgainst("pb2", out -> TypedPb2.start(0, out));
    assertEquals(List.of("got one object: RemoteReference", "asking it to getTwo",
        "got two object: RemoteReference", "giving it back to one", "one is RemoteReference"),
        lines.get(0));
    // the Printer parameter of checkTwo receives the server's own Two, not a stub
    assertEquals(PB2_SERVER, lines.get(1));
  }

  @Test
  void typedPb2ClientGivesTheTwoBackToTwistedServer() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("pb2", TypedPb2::run);
    assertEquals(List.of("got one object: Keeper_PbStub", "asking it to getTwo",
        "got two object: Printer_PbStub", "giving it back to one", "one is Keeper_PbStub"),
        lines.get(0));
    assertEquals(PB2_SERVER, lines.get(1));
  }

  @Test
  void typedPb3ServerCallsTheTwistedClientsTwo() throws Exception {
    List<List<String>> lines = twistedClientAgainst("pb3", out -> TypedPb3.start(0, out));
    assertEquals(List.of("got One: RemoteReference", "giving it our two",
        "Two.print() called with 12"), lines.get(0));
    assertEquals(List.of("received a Two called Printer_PbStub", "telling it to print(12)"),
        lines.get(1));
  }

  @Test
  void twistedPb3ServerCallsTheTypedClientsTwo() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("pb3", TypedPb3::run);
    assertEquals(List.of("got One: Taker_PbStub", "giving it our two",
        "Two.print() called with 12"), lines.get(0));
    assertEquals(List.of("received a Two called RemoteReference", "telling it to print(12)"),
        lines.get(1));
  }
}
