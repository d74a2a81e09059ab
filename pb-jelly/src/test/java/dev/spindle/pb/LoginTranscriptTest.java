package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import dev.spindle.cred.Anonymous;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.Portal;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.AllowAnonymousAccess;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.LoginGoldens.ClientMind;
import dev.spindle.pb.LoginGoldens.GoldenRealm;
import dev.spindle.pb.Transcripts.Message;
import dev.spindle.pb.Transcripts.Step;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.login.PortalRoot;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The sessions {@code cred-login} and {@code anonymous-login} of {@code pb-messages.json} replayed
 * byte for byte in both roles: a Java server ({@link PortalRoot} over a cred {@link Portal}) fed
 * the Twisted client's bytes writes the Twisted server's, and a Java client ({@link
 * PbConnection#login}) writes the Twisted client's and gets its results.
 *
 * <p>The server's challenges are random in real use; here the Java server's challenge source
 * returns the ones Twisted sent (generate.py seeded Python's {@code random}), read from the
 * recorded {@code login} answers. Differences allowed, by structure: a CopyableFailure's {@code
 * count} (Twisted's process-wide counter) and its {@code pickled} key (Twisted adds it after a
 * Failure passed through a Deferred).
 */
@LeakChecked
class LoginTranscriptTest {
  /** The challenges of the recorded {@code login} answers, in order. */
  private static ArrayDeque<PbChallenge> recordedChallenges(List<Step> steps) {
    ArrayDeque<PbChallenge> out = new ArrayDeque<>();
    for (Step step : steps) {
      for (Message m : step.messages()) {
        if (!m.fromClient() && m.sexp() instanceof Sexp.SList l && ((Sexp.Bytes) l.get(0)).is("answer")
            && l.get(2) instanceof Sexp.SList t && t.size() == 3 && t.get(0) instanceof Sexp.Bytes h
            && h.is("tuple")) {
          out.add(PbChallenge.of(((Sexp.Bytes) t.get(1)).value()));
        }
      }
    }
    return out;
  }

  private static PortalRoot root(Portal portal, List<Step> steps) {
    ArrayDeque<PbChallenge> challenges = recordedChallenges(steps);
    return PortalRoot.builder(portal).challengeSource(challenges::remove).build();
  }

  /** Feeds the client's messages, checks the server's, step by step. */
  private static void replayServer(EmbeddedPb server, List<Step> steps) {
    for (Step step : steps) {
      for (Message m : step.messages()) {
        if (m.fromClient()) {
          server.feed(m.hex());
          continue;
        }
        String actual = server.next();
        assertNotNull(actual, step.action() + ": expected " + m.sexp());
        if (!actual.equals(m.hex())) {
          Sexp a = EmbeddedPb.decode(actual);
          if (!Failures.isCopyableFailure(m.sexp())) {
            fail(step.action() + ": expected " + m.sexp() + " but got " + a);
          }
          assertEquals(Failures.requestId(m.sexp()), Failures.requestId(a), step.action());
          Failures.assertSameExceptCount(Failures.state(m.sexp()), Failures.state(a), step.action());
        }
      }
      server.assertNothingWritten(step.action() + ": nothing more");
    }
  }

  @Test
  void javaServerWritesTwistedsBytesForCredLogin() {
    List<Step> steps = Transcripts.session("cred-login");
    GoldenRealm realm = new GoldenRealm();
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    try (EmbeddedPb server = EmbeddedPb.server(root(new Portal(realm, users), steps), PbServer.builder())) {
      replayServer(server, steps);
      assertTrue(server.channel.isOpen());
      assertEquals(List.of(AvatarId.of("alice")), realm.loggedOut, "logged out by the last decref");
      assertEquals(List.of("AvatarId[alice] [dev.spindle.pb.login.Perspective] mind=true"), realm.requests);
      assertEquals(1, server.connection.exportedObjectCount(), "only the root is left");
    }
    assertEquals(List.of(AvatarId.of("alice")), realm.loggedOut, "not again when the connection closes");
  }

  @Test
  void javaServerWritesTwistedsBytesForAnonymousLogin() {
    List<Step> steps = Transcripts.session("anonymous-login");
    GoldenRealm realm = new GoldenRealm();
    try (EmbeddedPb server = EmbeddedPb.server(
        root(new Portal(realm, new AllowAnonymousAccess()), steps), PbServer.builder())) {
      replayServer(server, steps);
      assertEquals(List.of("AvatarId[ANONYMOUS] [dev.spindle.pb.login.Perspective] mind=false"), realm.requests);
      assertTrue(realm.loggedOut.isEmpty());
      server.connection.close();
      server.channel.runPendingTasks();
    }
    assertEquals(List.of(AvatarId.ANONYMOUS), realm.loggedOut, "logged out when the connection closed");
  }

  /** Runs each step's action, checks the client's bytes, feeds the server's, checks the result. */
  private static final class Replay {
    private final EmbeddedPb client;
    private final List<Step> steps;
    private int next;

    Replay(EmbeddedPb client, String session) {
      this.client = client;
      this.steps = Transcripts.session(session);
    }

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
      if (json.has("client_result")) {
        assertTrue(result.isDone(), step.action() + ": answered");
        Object value = result.join();
        TypedValues.assertMatches(json.get("client_result"), value, step.action());
        return value;
      }
      if (json.has("client_result_error")) {
        assertTrue(result.isDone(), step.action() + ": answered");
        Throwable failure = assertThrows(CompletionException.class, result::join).getCause();
        JsonObject e = json.getAsJsonObject("client_result_error");
        RemotePbException r = assertInstanceOf(RemotePbException.class, failure, step.action());
        assertEquals(e.get("type").getAsString(), r.typeName());
        assertEquals(e.get("value").getAsString(), r.value());
        assertTrue(r.check(r.typeName(), "twisted.cred.error.LoginFailed"), r.parents().toString());
        return r;
      }
      return null;
    }

    void done() {
      assertEquals(steps.size(), next, "every step replayed");
    }
  }

  @Test
  void javaClientWritesTwistedsBytesForCredLogin() {
    try (EmbeddedPb client = EmbeddedPb.client(PbClient.builder())) {
      Replay r = new Replay(client, "cred-login");
      r.step(() -> null);
      ClientMind mind = new ClientMind();
      RemoteReference avatar = (RemoteReference) r.step(
          () -> client.connection.login(UsernamePassword.of("alice", "secret"), mind));
      r.step(() -> avatar.callRemote("whoami"));
      r.step(() -> avatar.callRemote("tellMind", "hi"));
      assertEquals(List.of("hi"), mind.notes);
      RemoteReference view = (RemoteReference) r.step(() -> avatar.callRemote("getViewable"));
      r.step(() -> view.callRemote("whoSees", 1));
      RemotePbException wrong = (RemotePbException) r.step(
          () -> client.connection.login(UsernamePassword.of("alice", "wrong"), null));
      assertTrue(wrong.check("twisted.cred.error.UnauthorizedLogin"));
      RemotePbException unknown = (RemotePbException) r.step(
          () -> client.connection.login(UsernamePassword.of("bob", "x"), null));
      assertEquals(wrong.parents(), unknown.parents(), "an unknown user and a wrong password look alike");
      RemotePbException unhandled = (RemotePbException) r.step(
          () -> client.connection.login(Anonymous.INSTANCE, null));
      assertTrue(unhandled.check("twisted.cred.error.UnhandledCredentials"));
      assertEquals(1, client.connection.exportedObjectCount(), "the mind, which the server still holds");
      r.step(() -> {
        view.release();
        avatar.release();
        return null;
      });
      assertEquals(0, client.connection.exportedObjectCount(), "the server released the mind");
      r.done();
    }
  }

  @Test
  void javaClientWritesTwistedsBytesForAnonymousLogin() {
    try (EmbeddedPb client = EmbeddedPb.client(PbClient.builder())) {
      Replay r = new Replay(client, "anonymous-login");
      r.step(() -> null);
      RemoteReference avatar = (RemoteReference) r.step(() -> client.connection.login(Anonymous.INSTANCE, null));
      r.step(() -> avatar.callRemote("whoami"));
      r.done();
    }
  }

  @Test
  void theReplayUsesTwistedsThreeChallengesAndItsResponseFormula() {
    List<Step> steps = Transcripts.session("cred-login");
    ArrayDeque<PbChallenge> challenges = recordedChallenges(steps);
    assertEquals(3, challenges.size(), "alice, alice (wrong password), bob");
    JsonObject login = steps.get(1).json();
    assertArrayEquals(Vectors.hex(login.get("challenge_hex")), challenges.peek().bytes());
    assertArrayEquals(Vectors.hex(login.get("response_hex")),
        challenges.peek().respond("secret".getBytes(StandardCharsets.US_ASCII)));
  }
}
