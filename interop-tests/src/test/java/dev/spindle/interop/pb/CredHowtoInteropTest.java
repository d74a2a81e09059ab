package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.examples.cred.ChatClient;
import dev.spindle.examples.cred.ChatServer;
import dev.spindle.examples.cred.Pb5Client;
import dev.spindle.examples.cred.Pb5Server;
import dev.spindle.examples.cred.Pb6Client1;
import dev.spindle.examples.cred.Pb6Client2;
import dev.spindle.examples.cred.Pb6Server;
import dev.spindle.examples.cred.PbAnonClient;
import dev.spindle.examples.cred.PbAnonServer;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.testing.LeakChecked;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PB cred howto examples ({@code dev.spindle.examples.cred}) against their Python Twisted
 * counterparts ({@code howto_cred.py}), both ways: the Java servers answer Twisted clients, the
 * Java clients log in to Twisted servers. Each side prints the same lines, client and server.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CredHowtoInteropTest {
  private static final String SCRIPT = "howto_cred.py";

  private static final List<String> PB5_CLIENT =
      List.of("got perspective ref: RemoteReference", "asking it to foo(12)");
  private static final List<String> PB5_SERVER =
      List.of("I am user1 perspective_foo( 12 ) called on <MyPerspective user1>");

  private static final List<String> PB6_CLIENT1 =
      List.of("got perspective1 ref: RemoteReference", "asking it to foo(13)");
  private static final List<String> PB6_CLIENT2 =
      List.of("got perspective2 ref: RemoteReference", "asking it to foo(14)");
  private static final List<String> PB6_SERVER = List.of(
      "I am user1 perspective_foo( 13 ) called on <MyPerspective user1>",
      "I am user2 perspective_foo( 14 ) called on <MyPerspective user2>");

  private static final List<String> ANON_CLIENT = List.of(
      "got perspective1 ref: RemoteReference", "asking it to foo(13)",
      "got perspective1 ref: RemoteReference", "asking it to foo(13)");
  private static final List<String> ANON_SERVER = List.of(
      "I am Anonymous.  perspective_foo(13) called on <MyPerspective Anonymous>.",
      "I am user1.  perspective_foo(13) called on <MyPerspective user1>.");

  private static final List<String> CHAT_ALICE = List.of(
      "connected, joining group #NeedAFourth",
      "joined group, now sending a message to all members",
      "<alice> says: You can call me Al.");

  // ---- pb5server.py / pb5client.py -------------------------------------------------------------

  @Test
  void twistedPb5ClientCallsFooOnItsJavaPerspective() throws Exception {
    Console server = new Console();
    try (PbServer pb5 = Pb5Server.start(0, server.out)) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient(SCRIPT, 30, "pb5", String.valueOf(pb5.port()));
      assertEquals(0, run.exitCode(), run.lines().toString());
      assertEquals(PB5_CLIENT, run.lines());
      assertEquals(PB5_SERVER, server.lines());
    }
  }

  @Test
  void javaPb5ClientCallsFooOnItsTwistedPerspective() throws Exception {
    try (TwistedPeer pb5 = TwistedPeer.startServer(SCRIPT, "pb5")) {
      Console client = new Console();
      Pb5Client.run("127.0.0.1", pb5.port(), client.out);
      assertEquals(PB5_CLIENT, client.lines());
      assertEquals(PB5_SERVER, pb5.awaitLines(1, 10));
    }
  }

  // ---- pb6server.py / pb6client1.py / pb6client2.py --------------------------------------------

  @Test
  void twistedPb6ClientsEachReachTheirOwnJavaPerspective() throws Exception {
    Console server = new Console();
    try (PbServer pb6 = Pb6Server.start(0, server.out)) {
      String port = String.valueOf(pb6.port());
      TwistedPeer.ClientRun first = TwistedPeer.runClient(SCRIPT, 30, "pb6client1", port);
      TwistedPeer.ClientRun second = TwistedPeer.runClient(SCRIPT, 30, "pb6client2", port);
      assertEquals(0, first.exitCode() + second.exitCode(), first.lines() + " " + second.lines());
      assertEquals(PB6_CLIENT1, first.lines());
      assertEquals(PB6_CLIENT2, second.lines());
      assertEquals(PB6_SERVER, server.lines());
    }
  }

  @Test
  void javaPb6ClientsEachReachTheirOwnTwistedPerspective() throws Exception {
    try (TwistedPeer pb6 = TwistedPeer.startServer(SCRIPT, "pb6")) {
      Console first = new Console();
      Console second = new Console();
      Pb6Client1.run("127.0.0.1", pb6.port(), first.out);
      assertEquals(PB6_SERVER.subList(0, 1), pb6.awaitLines(1, 10));
      Pb6Client2.run("127.0.0.1", pb6.port(), second.out);
      assertEquals(PB6_CLIENT1, first.lines());
      assertEquals(PB6_CLIENT2, second.lines());
      assertEquals(PB6_SERVER, pb6.awaitLines(2, 10));
    }
  }

  // ---- pbAnonServer.py / pbAnonClient.py -------------------------------------------------------

  @Test
  void twistedAnonClientLogsInToJavaServerAnonymouslyAndByPassword() throws Exception {
    Console server = new Console();
    try (PbServer anon = PbAnonServer.start(0, server.out)) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient(SCRIPT, 30, "anon", String.valueOf(anon.port()));
      assertEquals(0, run.exitCode(), run.lines().toString());
      assertEquals(ANON_CLIENT, run.lines());
      assertEquals(ANON_SERVER, server.lines());
    }
  }

  @Test
  void javaAnonClientLogsInToTwistedServerAnonymouslyAndByPassword() throws Exception {
    try (TwistedPeer anon = TwistedPeer.startServer(SCRIPT, "anon")) {
      Console client = new Console();
      PbAnonClient.run("127.0.0.1", anon.port(), client.out);
      assertEquals(ANON_CLIENT, client.lines());
      assertEquals(ANON_SERVER, anon.awaitLines(2, 10));
    }
  }

  // ---- chatserver.py / chatclient.py -----------------------------------------------------------

  @Test
  void twistedChatClientHearsItselfThroughJavaChatServer() throws Exception {
    try (PbServer chat = ChatServer.start(0)) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient(SCRIPT, 30, "chat", String.valueOf(chat.port()));
      assertEquals(0, run.exitCode(), run.lines().toString());
      assertEquals(CHAT_ALICE, run.lines());
    }
  }

  @Test
  void javaChatClientHearsItselfThroughTwistedChatServer() throws Exception {
    try (TwistedPeer chat = TwistedPeer.startServer(SCRIPT, "chat")) {
      Console alice = new Console();
      ChatClient.run("127.0.0.1", chat.port(), "alice", "1234", "You can call me Al.", alice.out);
      assertEquals(CHAT_ALICE, alice.lines());
    }
  }

  @Test
  void javaAndTwistedChatClientsHearEachOtherThroughJavaChatServer() throws Exception {
    try (PbServer chat = ChatServer.start(0)) {
      chatTogether(chat.port(), false);
    }
  }

  @Test
  void javaAndTwistedChatClientsHearEachOtherThroughTwistedChatServer() throws Exception {
    try (TwistedPeer chat = TwistedPeer.startServer(SCRIPT, "chat")) {
      chatTogether(chat.port(), true);
    }
  }

  /**
   * Java carol joins #NeedAFourth and speaks; a Twisted bob joins and speaks, which carol's mind
   * prints; carol answers, which bob's mind prints before he leaves.
   */
  private static void chatTogether(int port, boolean twistedServer) throws Exception {
    Console carolConsole = new Console();
    try (PbClient factory = PbClient.builder().build()) {
      ChatClient carol = new ChatClient(carolConsole.out);
      RemoteReference group = await(
          carol.connect(factory, "127.0.0.1", port, "carol", "fido").thenCompose(carol::connected));
      await(carol.gotGroup(group, "Anyone for bridge?"));

      CompletableFuture<TwistedPeer.ClientRun> bob = CompletableFuture.supplyAsync(() -> {
        try {
          return TwistedPeer.runClient(SCRIPT, 30, "chat", String.valueOf(port), "bob", "secret", "I'm in.", "2");
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      });
      carolConsole.await("<bob> says: I'm in.", 30);
      await(group.callRemote("send", "Welcome, bob."));

      TwistedPeer.ClientRun run = bob.get(40, TimeUnit.SECONDS);
      assertEquals(0, run.exitCode(), run.lines().toString());
      // Bob's own line and carol's answer reach bob in either order from a Java server: bob's
      // send runs on bob's connection's loop, which tells carol first; carol's answer, on her loop,
      // can reach bob's connection before bob's loop gets to telling bob (seen under heavy load).
      // Twisted's single thread always tells bob first. Both lines must arrive, once each.
      List<String> bobLines = run.lines();
      assertEquals(4, bobLines.size(), bobLines.toString());
      assertEquals(List.of(
          "connected, joining group #NeedAFourth",
          "joined group, now sending a message to all members"), bobLines.subList(0, 2));
      if (twistedServer) {
        assertEquals(List.of("<bob> says: I'm in.", "<carol> says: Welcome, bob."),
            bobLines.subList(2, 4));
      } else {
        assertEquals(Set.of("<bob> says: I'm in.", "<carol> says: Welcome, bob."),
            Set.copyOf(bobLines.subList(2, 4)), bobLines.toString());
      }
      assertEquals(List.of(
          "connected, joining group #NeedAFourth",
          "joined group, now sending a message to all members",
          "<carol> says: Anyone for bridge?",
          "<bob> says: I'm in.",
          "<carol> says: Welcome, bob."), carolConsole.lines());
    }
  }

  @Test
  void twistedChatClientIsToldNotToSayMattressByJavaGroup() throws Exception {
    try (PbServer chat = ChatServer.start(0)) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient(SCRIPT, 30, "mattress", String.valueOf(chat.port()));
      assertEquals(0, run.exitCode(), run.lines().toString());
      assertEquals(List.of("send failed: ValueError: Don't say that word"), run.lines());
    }
  }

  @Test
  void javaChatClientIsToldNotToSayMattressByTwistedGroup() throws Exception {
    try (TwistedPeer chat = TwistedPeer.startServer(SCRIPT, "chat");
        PbClient factory = PbClient.builder().build()) {
      Console carolConsole = new Console();
      ChatClient carol = new ChatClient(carolConsole.out);
      RemoteReference perspective = await(carol.connect(factory, "127.0.0.1", chat.port(), "carol", "fido"));
      RemoteReference group = (RemoteReference) await(perspective.callRemoteWithKeywords(
          "joinGroup", List.of("#NoMattress"), Map.of("allowMattress", false)));
      Throwable t = assertThrows(ExecutionException.class,
          () -> await(group.callRemote("send", "I need a new mattress"))).getCause();
      RemotePbException e = assertInstanceOf(RemotePbException.class, t);
      assertTrue(e.check("builtins.ValueError"), e.parents().toString());
      assertEquals("Don't say that word", e.value());
      await(group.callRemote("send", "a fine bed"));
      assertEquals(List.of("<carol> says: a fine bed"), carolConsole.lines(), "the refused message was not sent");
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  /** A console for a Java example: a {@link PrintStream} whose lines can be read and awaited. */
  private static final class Console extends OutputStream {
    final PrintStream out = new PrintStream(this, true, StandardCharsets.UTF_8);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        lines.add(line.toString(StandardCharsets.UTF_8));
        line.reset();
        notifyAll();
      } else if (b != '\r') {
        line.write(b);
      }
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }

    /** Waits, at most {@code timeoutSeconds}, until {@code expected} has been printed. */
    synchronized void await(String expected, long timeoutSeconds)
        throws InterruptedException, TimeoutException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (!lines.contains(expected)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("not printed: " + expected + " (printed: " + lines + ")");
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }
}
