package dev.spindle.interop.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.testing.LeakChecked;
import dev.spindle.examples.pb.typed.TypedCache;
import dev.spindle.examples.pb.typed.TypedChat;
import dev.spindle.examples.pb.typed.TypedCopy;
import dev.spindle.examples.pb.typed.TypedExc;
import dev.spindle.examples.pb.typed.TypedPb1;
import dev.spindle.examples.pb.typed.TypedPb2;
import dev.spindle.examples.pb.typed.TypedPb3;
import dev.spindle.examples.pb.typed.TypedPb6;
import dev.spindle.examples.pb.typed.TypedTrap;
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
 * Issue 14: pbsimple, pb1, pb2, pb3, exc, trap, copy, cache, pb6 (login) and chat (a View) written with
 * remote interfaces ({@code
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

  /**
   * Runs a typed Java client against the Twisted howto server; returns what each printed, the
   * server's lines once it has printed {@code serverLines} of them (its output arrives on a pipe
   * of its own, possibly after the client saw the answer).
   */
  private static List<List<String>> javaClientAgainstTwisted(String kind, int serverLines, JavaClient client)
      throws Exception {
    Printed printed = new Printed();
    try (TwistedPeer twisted = TwistedPeer.startServer("howto_pb.py", kind)) {
      client.run("127.0.0.1", twisted.port(), printed.out);
      List<String> server = serverLines == 0 ? twisted.lines() : twisted.awaitLines(serverLines, 20);
      return List.of(printed.lines(), server);
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
    List<List<String>> lines = javaClientAgainstTwisted("pbsimple", 1, TypedPbSimple::run);
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
    List<List<String>> lines = javaClientAgainstTwisted("pb1", 2, TypedPb1::run);
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
    List<List<String>> lines = javaClientAgainstTwisted("pb2", PB2_SERVER.size(), TypedPb2::run);
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
    List<List<String>> lines = javaClientAgainstTwisted("pb3", 2, TypedPb3::run);
    assertEquals(List.of("got One: Taker_PbStub", "giving it our two",
        "Two.print() called with 12"), lines.get(0));
    assertEquals(List.of("received a Two called RemoteReference", "telling it to print(12)"),
        lines.get(1));
  }

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
  void twistedExcClientGetsTypedServersErrorsAsCopiedFailures() throws Exception {
    List<List<String>> lines = twistedClientAgainst("exc", out -> TypedExc.start(0, out));
    assertEquals(excClient("twisted.spread.pb.CopiedFailure", "dev.spindle.examples.pb."),
        lines.get(0));
    assertEquals(EXC_SERVER, lines.get(1));
  }

  @Test
  void typedExcClientGetsTwistedErrorsAsRemotePbExceptions() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("exc", EXC_SERVER.size(), TypedExc::run);
    assertEquals(excClient("dev.spindle.pb.exceptions.RemotePbException", "exc_server."),
        lines.get(0));
    assertEquals(EXC_SERVER, lines.get(1).subList(0, 2), String.join("\n", lines.get(1)));
  }

  private static final List<String> COPY_SENDER = List.of(
      "7 frogs",
      "copy_sender.CopyPond",
      "pond arrived safe and sound");

  @Test
  void twistedCopySenderAgainstTypedReceiver() throws Exception {
    List<List<String>> lines = twistedClientAgainst("copy", out -> TypedCopy.start(0, out));
    assertEquals(COPY_SENDER, lines.get(0));
    // the CopyPond's state dict became the record, attribute by attribute
    assertEquals(List.of(" got pond: Pond", "7 frogs"), lines.get(1));
  }

  @Test
  void typedCopySenderAgainstTwistedReceiver() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("copy", 2, TypedCopy::run);
    assertEquals(COPY_SENDER, lines.get(0));
    assertEquals(List.of(" got pond: ReceiverPond", "7 frogs"), lines.get(1));
  }

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
  void twistedCacheSenderUpdatesTypedCopyThroughItsRemoteInterface() throws Exception {
    // cache_sender.py's observer.callRemote("addDuck", duck) runs DuckPond.addDuck as observe_addDuck
    List<List<String>> lines = twistedClientAgainst("cache", out -> TypedCache.start(0, out));
    assertEquals(CACHE_SENDER, lines.get(0));
    assertEquals(CACHE_RECEIVER, lines.get(1));
  }

  @Test
  void typedCacheSenderUpdatesTwistedCopyThroughObserverStubs() throws Exception {
    Printed printed = new Printed();
    TypedCache.MasterDuckPond master;
    TwistedPeer twisted = TwistedPeer.startServer("howto_pb.py", "cache");
    try (twisted) {
      master = TypedCache.run("127.0.0.1", twisted.port(), printed.out);
    }
    assertEquals(CACHE_SENDER, printed.lines());
    assertEquals(CACHE_RECEIVER, twisted.lines());
    assertEquals(List.of(), master.observers(), "the receiver's decache stopped the observing");
  }

  private static final List<String> PB6_SERVER = List.of(
      "I am user1 perspective_foo( 13 ) called on <MyPerspective user1>",
      "I am user2 perspective_foo( 14 ) called on <MyPerspective user2>");

  @Test
  void twistedPb6ClientsEachReachTheirOwnTypedAvatar() throws Exception {
    Printed server = new Printed();
    try (PbServer pb6 = TypedPb6.start(0, server.out)) {
      String port = String.valueOf(pb6.port());
      TwistedPeer.ClientRun first = TwistedPeer.runClient("howto_cred.py", 30, "pb6client1", port);
      TwistedPeer.ClientRun second = TwistedPeer.runClient("howto_cred.py", 30, "pb6client2", port);
      assertEquals(0, first.exitCode() + second.exitCode(), first.lines() + " " + second.lines());
      assertEquals(List.of("got perspective1 ref: RemoteReference", "asking it to foo(13)"),
          first.lines());
      assertEquals(List.of("got perspective2 ref: RemoteReference", "asking it to foo(14)"),
          second.lines());
      assertEquals(PB6_SERVER, server.lines());
    }
  }

  @Test
  void typedPb6ClientsEachReachTheirOwnTwistedPerspective() throws Exception {
    try (TwistedPeer pb6 = TwistedPeer.startServer("howto_cred.py", "pb6")) {
      Printed first = new Printed();
      Printed second = new Printed();
      TypedPb6.run("127.0.0.1", pb6.port(), "user1", "pass1", "perspective1", 13, first.out);
      TypedPb6.run("127.0.0.1", pb6.port(), "user2", "pass2", "perspective2", 14, second.out);
      assertEquals(List.of("got perspective1 ref: Fooable_PbStub", "asking it to foo(13)"),
          first.lines());
      assertEquals(List.of("got perspective2 ref: Fooable_PbStub", "asking it to foo(14)"),
          second.lines());
      assertEquals(PB6_SERVER, pb6.awaitLines(2, 10));
    }
  }

  private static final List<String> CHAT_ALICE = List.of(
      "connected, joining group #NeedAFourth",
      "joined group, now sending a message to all members",
      "<alice> says: You can call me Al.");

  @Test
  void twistedChatClientHearsItselfThroughTypedChatServer() throws Exception {
    try (PbServer chat = TypedChat.start(0)) {
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient("howto_cred.py", 30, "chat", String.valueOf(chat.port()));
      assertEquals(0, run.exitCode(), run.lines().toString());
      assertEquals(CHAT_ALICE, run.lines());
      // the group's View: its perspective (carol's avatar) refuses the word
      TwistedPeer.ClientRun mattress =
          TwistedPeer.runClient("howto_cred.py", 30, "mattress", String.valueOf(chat.port()));
      assertEquals(List.of("send failed: ValueError: Don't say that word"), mattress.lines());
    }
  }

  @Test
  void typedChatClientHearsItselfThroughTwistedChatServer() throws Exception {
    try (TwistedPeer chat = TwistedPeer.startServer("howto_cred.py", "chat")) {
      Printed alice = new Printed();
      TypedChat.run("127.0.0.1", chat.port(), "alice", "1234", "You can call me Al.", alice.out);
      assertEquals(CHAT_ALICE, alice.lines());
    }
  }

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
  void twistedTrapClientTrapsTypedServersFailuresByClass() throws Exception {
    try (PbServer trap = TypedTrap.start(0)) {
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient("howto_pb.py", 30, "trap", String.valueOf(trap.port()));
      assertEquals(0, run.exitCode(), run.lines().toString());
      assertEquals(TRAP_CLIENT, run.lines());
    }
  }

  @Test
  void typedTrapClientTrapsTwistedFailuresByClass() throws Exception {
    List<List<String>> lines = javaClientAgainstTwisted("trap", 0, TypedTrap::run);
    assertEquals(TRAP_CLIENT, lines.get(0));
  }
}
