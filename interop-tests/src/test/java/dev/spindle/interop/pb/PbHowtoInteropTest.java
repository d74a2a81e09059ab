package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.examples.pb.CacheClasses;
import dev.spindle.examples.pb.CacheReceiver;
import dev.spindle.examples.pb.CacheSender;
import dev.spindle.examples.pb.Copy2Receiver;
import dev.spindle.examples.pb.Copy2Sender;
import dev.spindle.examples.pb.CopyReceiver;
import dev.spindle.examples.pb.CopySender;
import dev.spindle.examples.pb.ExcClient;
import dev.spindle.examples.pb.ExcServer;
import dev.spindle.examples.pb.Pb1Client;
import dev.spindle.examples.pb.Pb1Server;
import dev.spindle.examples.pb.Pb2Client;
import dev.spindle.examples.pb.Pb2Server;
import dev.spindle.examples.pb.Pb3Client;
import dev.spindle.examples.pb.Pb3Server;
import dev.spindle.examples.pb.PbSimple;
import dev.spindle.examples.pb.PbSimpleClient;
import dev.spindle.examples.pb.TrapClient;
import dev.spindle.examples.pb.TrapServer;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.testing.LeakChecked;
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
 * The PB howto examples ({@code dev.spindle.examples.pb}) against their Python Twisted
 * counterparts ({@code howto_pb.py}), both ways: each Java server answers the Twisted client, each
 * Java client calls the Twisted server. Both sides' printed lines are checked: the examples print
 * the same lines whichever side is Java, except where a class name shows (exc).
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PbHowtoInteropTest {
  /** Collects what a Java example prints. */
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

  /** Runs the Twisted client {@code kind} against a Java server; returns [client, server] lines. */
  private static List<List<String>> twistedClientAgainst(String kind, Function<PrintStream, PbServer> start)
      throws Exception {
    Printed server = new Printed();
    try (PbServer s = start.apply(server.out)) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("howto_pb.py", 30, kind, String.valueOf(s.port()));
      assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
      return List.of(run.lines(), server.lines());
    }
  }

  /** Runs a Java client against the Twisted server {@code kind}; returns [client, server] lines. */
  private static List<List<String>> javaClientAgainstTwisted(String kind, JavaClient client) throws Exception {
    Printed printed = new Printed();
    TwistedPeer twisted = TwistedPeer.startServer("howto_pb.py", kind);
    try (twisted) {
      client.run("127.0.0.1", twisted.port(), printed.out);
    }
    return List.of(printed.lines(), twisted.lines());
  }

  // pbsimple.py / pbsimpleclient.py

  private static final List<String> PBSIMPLE_CLIENT = List.of("server echoed: hello network");
  private static final List<String> PBSIMPLE_SERVER = List.of("echoing: hello network");

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void javaEchoerPrintsAsPythonDoesAndCutsLongValues() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (PbServer server = PbSimple.start(0, out);
        PbClient client = PbClient.builder().build()) {
      RemoteReference root = client.getRootObject("127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
      root.callRemote("echo", "hello network").get(10, TimeUnit.SECONDS);
      root.callRemote("echo", new java.util.LinkedHashSet<>(List.of(1L, 2L))).get(10, TimeUnit.SECONDS);
      root.callRemote("echo", List.of("a", 2L, java.util.Map.of("k", true))).get(10, TimeUnit.SECONDS);
      root.callRemote("echo", "x".repeat(600_000)).get(10, TimeUnit.SECONDS);
    }
    List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    assertEquals("echoing: hello network", lines.get(0));
    assertEquals("echoing: {1, 2}", lines.get(1), "a set as Python prints it");
    assertEquals("echoing: ['a', 2, {'k': True}]", lines.get(2));
    assertTrue(lines.get(3).length() < 230 && lines.get(3).endsWith("..."),
        "a 600 KB value is cut: " + lines.get(3).length() + " chars");
    assertEquals(4, lines.size());
  }

  @Test
  void twistedPbSimpleClientAgainstJavaEchoer() throws Exception {
    List<List<String>> lines = twistedClientAgainst("pbsimple", out -> PbSimple.start(0, out));
    assertEquals(PBSIMPLE_CLIENT, lines.get(0));
    assertEquals(PBSIMPLE_SERVER, lines.get(1));
  }

  @Test
  void javaPbSimpleClientAgainstTwistedEchoer() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("pbsimple", PbSimpleClient::run);
    assertEquals(PBSIMPLE_CLIENT, lines.get(0));
    assertEquals(PBSIMPLE_SERVER, lines.get(1));
  }

  // pb1server.py / pb1client.py

  private static final List<String> PB1_CLIENT = List.of(
      "got first object: RemoteReference",
      "asking it to getTwo",
      "got second object: RemoteReference",
      "telling it to do three(12)");
  private static final List<String> PB1_SERVER = List.of(
      "returning a Two called Two",
      "Two.three was given 12");

  @Test
  void twistedPb1ClientAgainstJavaPb1Server() throws Exception {
    List<List<String>> lines = twistedClientAgainst("pb1", out -> Pb1Server.start(0, out));
    assertEquals(PB1_CLIENT, lines.get(0));
    assertEquals(PB1_SERVER, lines.get(1));
  }

  @Test
  void javaPb1ClientAgainstTwistedPb1Server() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("pb1", Pb1Client::run);
    assertEquals(PB1_CLIENT, lines.get(0));
    assertEquals(PB1_SERVER, lines.get(1));
  }

  // pb2server.py / pb2client.py: a reference given back arrives as the server's own object

  private static final List<String> PB2_CLIENT = List.of(
      "got one object: RemoteReference",
      "asking it to getTwo",
      "got two object: RemoteReference",
      "giving it back to one",
      "one is RemoteReference");
  private static final List<String> PB2_SERVER = List.of(
      "One.getTwo(), returning my two called Two",
      "One.checkTwo(): comparing my two Two",
      "One.checkTwo(): against your two Two",
      "One.checkTwo(): our twos are the same");

  @Test
  void twistedPb2ClientGivesTheTwoBackToJavaPb2Server() throws Exception {
    List<List<String>> lines = twistedClientAgainst("pb2", out -> Pb2Server.start(0, out));
    assertEquals(PB2_CLIENT, lines.get(0));
    assertEquals(PB2_SERVER, lines.get(1));
  }

  @Test
  void javaPb2ClientGivesTheTwoBackToTwistedPb2Server() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("pb2", Pb2Client::run);
    assertEquals(PB2_CLIENT, lines.get(0));
    assertEquals(PB2_SERVER, lines.get(1));
  }

  // pb3server.py / pb3client.py: the server calls the client's object

  private static final List<String> PB3_CLIENT = List.of(
      "got One: RemoteReference",
      "giving it our two",
      "Two.print() called with 12");
  private static final List<String> PB3_SERVER = List.of(
      "received a Two called RemoteReference",
      "telling it to print(12)");

  @Test
  void javaPb3ServerCallsTheTwistedClientsTwo() throws Exception {
    List<List<String>> lines = twistedClientAgainst("pb3", out -> Pb3Server.start(0, out));
    assertEquals(PB3_CLIENT, lines.get(0));
    assertEquals(PB3_SERVER, lines.get(1));
  }

  @Test
  void twistedPb3ServerCallsTheJavaClientsTwo() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("pb3", Pb3Client::run);
    assertEquals(PB3_CLIENT, lines.get(0));
    assertEquals(PB3_SERVER, lines.get(1));
  }

  // exc_server.py / exc_client.py

  private static final List<String> EXC_SERVER = List.of(
      "raising a MyError exception with data 'fall down go boom'",
      "raising a MyError2 exception with data 'hadda owie'");

  private static List<String> excClient(String failureClass, String typePrefix) {
    return List.of(
        "got remote Exception",
        " .__class__ = " + failureClass,
        " .getErrorMessage() = fall down go boom",
        " .type = " + typePrefix + "MyError",
        "got remote Exception",
        " .__class__ = " + failureClass,
        " .getErrorMessage() = hadda owie",
        " .type = " + typePrefix + "MyError2");
  }

  @Test
  void twistedExcClientGetsJavaErrorsAsCopiedFailures() throws Exception {
    List<List<String>> lines = twistedClientAgainst("exc", out -> ExcServer.start(0, out));
    assertEquals(excClient("twisted.spread.pb.CopiedFailure", "dev.spindle.examples.pb."), lines.get(0));
    assertEquals(EXC_SERVER, lines.get(1));
  }

  @Test
  void javaExcClientGetsTwistedErrorsAsRemotePbExceptions() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("exc", ExcClient::run);
    assertEquals(
        excClient("dev.spindle.pb.exceptions.RemotePbException", "exc_server."), lines.get(0));
    List<String> server = lines.get(1);
    assertEquals(EXC_SERVER, server.subList(0, 2), String.join("\n", server));
    // The unexpected exception (not a pb.Error) is logged, as the howto says.
    assertTrue(server.contains("Peer will receive following PB traceback:"), String.join("\n", server));
    assertTrue(server.contains("exc_server.MyError2: hadda owie"), String.join("\n", server));
  }

  // trap_server.py / trap_client.py

  private static final List<String> TRAP_CLIENT = List.of(
      "callOne: call with safe object",
      " method successful, response: response",
      "callTwo: call with dangerous object",
      " InsecureJelly: you tried to send something unsafe to them",
      "callThree: call that raises remote exception",
      " remote raised a MyException",
      "telling them to shut down",
      "callFour: call on stale reference",
      " stale reference: the client disconnected or crashed");

  @Test
  void twistedTrapClientTrapsJavaFailuresByClass() throws Exception {
    List<List<String>> lines = twistedClientAgainst("trap", out -> TrapServer.start(0));
    assertEquals(TRAP_CLIENT, lines.get(0));
  }

  @Test
  void javaTrapClientTrapsTwistedFailuresByClass() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("trap", TrapClient::run);
    assertEquals(TRAP_CLIENT, lines.get(0));
    String server = String.join("\n", lines.get(1));
    assertTrue(server.contains("twisted.spread.jelly.InsecureJelly: Module trap_client not allowed"
        + " (in type trap_client.ScaryObject)."), server);
  }

  // copy_sender.py / copy_receiver.tac

  private static final List<String> COPY_SENDER = List.of(
      "7 frogs",
      "copy_sender.CopyPond",
      "pond arrived safe and sound");
  private static final List<String> COPY_RECEIVER = List.of(" got pond: ReceiverPond", "7 frogs");

  @Test
  void twistedCopySenderAgainstJavaCopyReceiver() throws Exception {
    List<List<String>> lines = twistedClientAgainst("copy", out -> CopyReceiver.start(0, out));
    assertEquals(COPY_SENDER, lines.get(0));
    assertEquals(COPY_RECEIVER, lines.get(1));
  }

  @Test
  void javaCopySenderAgainstTwistedCopyReceiver() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("copy", CopySender::run);
    assertEquals(COPY_SENDER, lines.get(0));
    assertEquals(COPY_RECEIVER, lines.get(1));
  }

  // copy2_classes.py / copy2_sender.py / copy2_receiver.py

  private static final List<String> COPY2_SENDER = List.of("count 7", "pond arrived safe and sound");
  private static final List<String> COPY2_RECEIVER = List.of(" got pond: ReceiverPond", " count 7");

  @Test
  void twistedCopy2SenderAgainstJavaCopy2Receiver() throws Exception {
    List<List<String>> lines = twistedClientAgainst("copy2", out -> Copy2Receiver.start(0, out));
    assertEquals(COPY2_SENDER, lines.get(0));
    assertEquals(COPY2_RECEIVER, lines.get(1));
  }

  @Test
  void javaCopy2SenderAgainstTwistedCopy2Receiver() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("copy2", Copy2Sender::run);
    assertEquals(COPY2_SENDER, lines.get(0));
    assertEquals(COPY2_RECEIVER, lines.get(1));
  }

  // cache_classes.py / cache_sender.py / cache_receiver.py

  private static final List<String> CACHE_SENDER = List.of(
      "I have [2] ducks",
      "I have [3] ducks",
      "I have [2] ducks",
      "stopped observing");
  private static final List<String> CACHE_RECEIVER = List.of(
      " cache - sitting, er, setting ducks",
      "got pond: SlaveDuckPond",
      "[2] ducks:  ['one duck', 'two duck']",
      " cache - addDuck",
      "[3] ducks:  ['one duck', 'two duck', 'ugly duckling']",
      " cache - removeDuck",
      "[2] ducks:  ['two duck', 'ugly duckling']",
      "dropping pond");

  @Test
  void twistedCacheSenderAgainstJavaCacheReceiver() throws Exception {
    List<List<String>> lines = twistedClientAgainst("cache", out -> CacheReceiver.start(0, out));
    assertEquals(CACHE_SENDER, lines.get(0));
    assertEquals(CACHE_RECEIVER, lines.get(1));
  }

  @Test
  void javaCacheSenderAgainstTwistedCacheReceiver() throws Exception {
    Printed printed = new Printed();
    CacheClasses.MasterDuckPond master;
    TwistedPeer twisted = TwistedPeer.startServer("howto_pb.py", "cache");
    try (twisted) {
      master = CacheSender.run("127.0.0.1", twisted.port(), printed.out);
    }
    assertEquals(CACHE_SENDER, printed.lines());
    assertEquals(CACHE_RECEIVER, twisted.lines());
    assertEquals(List.of(), master.observers(), "the receiver's decache stopped the observing");
  }
}
