package dev.spindle.pb;

import static dev.spindle.pb.Msg.a;
import static dev.spindle.pb.Msg.answer;
import static dev.spindle.pb.Msg.callRoot;
import static dev.spindle.pb.Msg.i;
import static dev.spindle.pb.Msg.l;
import static dev.spindle.pb.Msg.remote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.jelly.InsecureJellyException;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Reference counting on the wire: luids, counts per occurrence, decref, MAX_BROKER_REFS, the undo
 * of registrations for messages that are not sent, and the protocol errors of unknown ids.
 */
@LeakChecked
class ReferenceCountingTest {
  /** A root handing out Referenceables. */
  public static final class Objects implements Root {
    final Goldens.Child child = new Goldens.Child();

    public Object remote_child() {
      return child;
    }

    public Object remote_childTwice() {
      return List.of(child, child);
    }

    public Object remote_fresh() {
      return new Goldens.Child();
    }

    public Object remote_freshPair() {
      return List.of(new Goldens.Child(), new Goldens.Child());
    }

    public Object remote_unsendable() {
      return List.of(child, new Object());
    }

    public Object remote_echo(Object o) {
      return o;
    }

    /** Calls the caller's object back and answers with what it answered, failure included. */
    public java.util.concurrent.CompletionStage<Object> remote_relay(RemoteReference ref) {
      return ref.callRemote("x");
    }
  }

  private static EmbeddedPb connected(Object root, PbServer.Builder builder) {
    EmbeddedPb server = EmbeddedPb.server(root, builder);
    List<Transcripts.Message> connect = Transcripts.session("calls").get(0).messages();
    server.next(); // the dialect offer
    server.feed(connect.get(1).hex());
    server.feed(connect.get(2).hex());
    server.next(); // the version
    return server;
  }

  private static int exported(EmbeddedPb side) {
    return side.connection.broker().exportedCount();
  }

  @Test
  void aReferenceableTwiceInOneMessageIsSentTwiceAndCountedTwice() {
    try (EmbeddedPb server = connected(new Objects(), PbServer.builder())) {
      server.feed(callRoot(1, "childTwice"));
      assertEquals(answer(1, l(a("list"), remote(1), remote(1))), server.nextSexp());
      assertEquals(2, exported(server));
      server.feed(l(a("decref"), i(1)));
      assertEquals(2, exported(server), "one reference left");
      server.feed(l(a("decref"), i(1)));
      assertEquals(1, exported(server), "forgotten after the last decref");
      server.feed(callRoot(2, "child"));
      assertEquals(answer(2, remote(2)), server.nextSexp(), "sent again: a new luid");
      server.assertNothingWritten("decrefs are not answered");
    }
  }

  @Test
  void aDecrefForAnUnknownLuidClosesTheConnection() throws Exception {
    try (EmbeddedPb server = connected(new Objects(), PbServer.builder())) {
      server.feed(callRoot(1, "child"));
      server.nextSexp();
      server.feed(l(a("decref"), i(1)));
      server.feed(l(a("decref"), i(1)));
      assertFalse(server.channel.isOpen());
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> server.connection.closeFuture().toCompletableFuture().get());
      assertEquals("decref for unknown object id 1 (Twisted: KeyError)", e.getCause().getMessage());
    }
  }

  @Test
  void malformedMessagesCloseTheConnection() {
    List<Sexp> bad = List.of(
        l(a("message"), i(1)),
        l(a("answer"), i(1), i(2), i(3)),
        l(a("decache"), i(5)),
        l(a("uncache"), i(5)),
        l(a("error"), i(9), i(0)),
        l(),
        l(i(1)),
        l(a("version"), a("6")),
        l(a("message"), i(1), a("root"), i(7), i(1), Msg.tuple(), Msg.dict()));
    for (Sexp message : bad) {
      try (EmbeddedPb server = connected(new Objects(), PbServer.builder())) {
        server.feed(message);
        server.assertNothingWritten(message.toString());
        assertFalse(server.channel.isOpen(), message.toString());
        CompletionException e = assertThrows(CompletionException.class,
            () -> server.connection.closeFuture().toCompletableFuture().join());
        assertInstanceOf(PbProtocolException.class, e.getCause(), message.toString());
      }
    }
  }

  @Test
  void localForAnUnknownLuidIsNone() {
    try (EmbeddedPb server = connected(new Objects(), PbServer.builder())) {
      server.feed(callRoot(1, "echo", l(a("local"), i(42))));
      assertEquals(answer(1, l(a("None"))), server.nextSexp());
      server.feed(callRoot(2, "echo", l(a("local"), a("root"))));
      // ["local", "root"] is the root object; sent back it is a Referenceable like any other, and
      // takes a luid (Twisted's setNameForLocal does not enter the root in its luid table either).
      assertEquals(answer(2, remote(1)), server.nextSexp());
    }
  }

  /**
   * Arguments Twisted fails with KeyError or OverflowError (its remoteMessageReceived sends the
   * CopyableFailure of what unserialize raised) come back with that builtin among the parents,
   * without ValueError, so a Python caller's trap(KeyError) matches.
   */
  @Test
  void malformedArgumentsFailWithTwistedsBuiltin() {
    try (EmbeddedPb server = connected(new Objects(), PbServer.builder())) {
      server.feed(callRoot(1, "echo", l(a("cached"), i(99))));
      RemotePbException key = Failures.asRemote(server.nextSexp());
      assertTrue(key.parents().containsAll(List.of("builtins.KeyError", "builtins.LookupError")), key.parents().toString());
      assertFalse(key.parents().contains("builtins.ValueError"), key.parents().toString());
      server.feed(callRoot(2, "echo", l(a("timedelta"), a("1000000000 0 0"))));
      RemotePbException overflow = Failures.asRemote(server.nextSexp());
      assertTrue(overflow.parents().containsAll(List.of("builtins.OverflowError", "builtins.ArithmeticError")),
          overflow.parents().toString());
      assertFalse(overflow.parents().contains("builtins.ValueError"), overflow.parents().toString());
      server.feed(callRoot(3, "echo", l(a("datetime"), a("10000 1 1 0 0 0 0"))));
      assertTrue(Failures.asRemote(server.nextSexp()).check("builtins.ValueError"), "Twisted: ValueError");
      assertTrue(server.channel.isOpen());
    }
  }

  @Test
  void maxBrokerRefsAllowsTheLimitThenRefusesAndTheFourthRefusalSaysGoodbye() throws Exception {
    try (EmbeddedPb server = connected(new Objects(), PbServer.builder().maxBrokerRefs(3))) {
      for (long id = 1; id <= 3; id++) {
        server.feed(callRoot(id, "fresh"));
        assertEquals(answer(id, remote(id)), server.nextSexp(), "registration " + id + " of 3 (root counts)");
      }
      assertEquals(4, exported(server));
      for (long id = 4; id <= 6; id++) {
        server.feed(callRoot(id, "fresh"));
        Sexp error = server.nextSexp();
        RemotePbException e = Failures.asRemote(error);
        assertEquals("twisted.spread.pb.Error", e.typeName());
        assertEquals("Maximum PB reference count exceeded.", e.value());
        assertTrue(server.channel.isOpen(), "violation " + (id - 3));
      }
      server.feed(l(a("decref"), i(1)));
      server.feed(callRoot(7, "fresh"));
      assertEquals(answer(7, remote(4)), server.nextSexp(), "room again after a decref");
      server.feed(callRoot(8, "fresh"));
      RemotePbException e = Failures.asRemote(server.nextSexp());
      assertEquals("Maximum PB reference count exceeded.  Goodbye.", e.value());
      assertFalse(server.channel.isOpen(), "the fourth violation closes");
      ExecutionException closed = assertThrows(ExecutionException.class,
          () -> server.connection.closeFuture().toCompletableFuture().get());
      assertInstanceOf(PbProtocolException.class, closed.getCause());
    }
  }

  @Test
  void registrationsOfAMessageThatIsNotSentAreUndone() {
    try (EmbeddedPb server = connected(new Objects(), PbServer.builder().maxBrokerRefs(2))) {
      server.feed(callRoot(1, "fresh"));
      assertEquals(answer(1, remote(1)), server.nextSexp());
      server.feed(callRoot(2, "freshPair")); // the first registers (luid 2), the second is refused
      assertEquals("Maximum PB reference count exceeded.", Failures.asRemote(server.nextSexp()).value());
      assertEquals(2, exported(server), "luid 2 was given back");
      server.feed(callRoot(3, "unsendable"));
      RemotePbException e = Failures.asRemote(server.nextSexp());
      assertEquals("dev.spindle.pb.jelly.JellyException", e.typeName());
      assertEquals(2, exported(server), "the child was given back");
      server.feed(l(a("decref"), i(2)));
      assertFalse(server.channel.isOpen(), "luid 2 is not registered");
    }
  }

  @Test
  void aReleasedReferenceSendsOneDecrefAndRefusesCalls() {
    Objects root = new Objects();
    try (EmbeddedPair pair = new EmbeddedPair(root)) {
      CompletableFuture<Object> f = pair.root().callRemote("child");
      pair.pump();
      RemoteReference child = (RemoteReference) f.join();
      assertTrue(child.isConnected());
      assertEquals(2, exported(pair.server));
      child.release();
      child.release();
      assertEquals(1, pair.pump(), "one decref");
      assertEquals(1, exported(pair.server));
      assertFalse(child.isConnected());
      CompletionException e = assertThrows(CompletionException.class, () -> child.callRemote("ping", 1).join());
      assertInstanceOf(DeadReferenceException.class, e.getCause());
    }
  }

  @Test
  void eachReceivedReferenceIsReleasedOnItsOwn() {
    try (EmbeddedPair pair = new EmbeddedPair(new Objects())) {
      CompletableFuture<Object> f = pair.root().callRemote("childTwice");
      pair.pump();
      List<?> two = (List<?>) f.join();
      assertFalse(two.get(0) == two.get(1), "one RemoteReference per occurrence");
      ((RemoteReference) two.get(0)).release();
      pair.pump();
      assertEquals(2, exported(pair.server));
      ((RemoteReference) two.get(1)).release();
      pair.pump();
      assertEquals(1, exported(pair.server));
    }
  }

  @Test
  void anAnswerThatCannotBeUnjelliedFailsThatCallAndReleasesItsReferences() {
    try (EmbeddedPb client = EmbeddedPb.client(PbClient.builder())) {
      List<Transcripts.Message> connect = Transcripts.session("calls").get(0).messages();
      client.feed(connect.get(0).hex());
      client.next();
      client.next();
      CompletableFuture<Object> f = client.connection.getRootObject().join().callRemote("getPoint");
      client.next();
      client.feed(answer(1, l(a("list"), remote(5), l(a("goldens.CopyPoint"), Msg.dict()))));
      CompletionException e = assertThrows(CompletionException.class, f::join);
      assertInstanceOf(InsecureJellyException.class, e.getCause());
      assertEquals(l(a("decref"), i(5)), client.nextSexp(), "the reference made on the way is released");
      assertTrue(client.channel.isOpen(), "unlike Twisted, the connection stays up");
    }
  }

  /** A client may publish Referenceables as arguments, and the server's decref reaches it. */
  @Test
  void aClientReferenceableIsForgottenWhenTheServerReleasesIt() {
    try (EmbeddedPair pair = new EmbeddedPair(new Goldens.GoldenRoot())) {
      Referenceable cb = new Goldens.ClientCallback();
      CompletableFuture<Object> f = pair.root().callRemote("callMeBack", cb, 21);
      pair.pump();
      assertEquals(42L, f.join());
      assertEquals(0, exported(pair.client), "the server released it");
    }
  }

  @Test
  void retainedHandlesShareOneDecrefSentWhenTheLastIsReleased() {
    try (EmbeddedPair pair = new EmbeddedPair(new Objects())) {
      CompletableFuture<Object> f = pair.root().callRemote("fresh");
      pair.pump();
      RemoteReference mine = (RemoteReference) f.join();
      RemoteReference library = mine.retain();
      int held = pair.server.connection.broker().exportedCount();
      library.release();
      pair.pump();
      assertEquals(held, pair.server.connection.broker().exportedCount(), "one handle left: no decref");
      assertTrue(mine.isConnected());
      assertThrows(DeadReferenceException.class, library::retain);
      CompletableFuture<Object> ping = mine.callRemote("ping", 1);
      CompletableFuture<Object> dead = library.callRemote("ping", 1);
      pair.pump();
      assertEquals(2, ((List<?>) ping.join()).size());
      assertInstanceOf(DeadReferenceException.class, assertThrows(CompletionException.class, dead::join).getCause());
      mine.release();
      pair.pump();
      assertEquals(held - 1, pair.server.connection.broker().exportedCount(), "the last handle sent the decref");
      assertThrows(DeadReferenceException.class, mine::retain);
    }
  }

  /** Issue 13, item 8: an error whose value is bytes is typed builtins.bytes, not a Java class. */
  @Test
  void anErrorWhoseValueIsBytesGoesOnTypedBuiltinsBytes() {
    try (EmbeddedPb server = connected(new Objects(), PbServer.builder())) {
      server.feed(callRoot(1, "relay", remote(5)));
      Sexp.SList call = (Sexp.SList) server.nextSexp();
      assertEquals(a("message"), call.get(0));
      server.feed(l(a("error"), call.get(1), a("text")));
      String error = String.valueOf(server.nextSexp());
      assertTrue(error.contains("builtins.bytes") && error.contains("b'text'"), error);
      assertFalse(error.contains("ByteString"), error);
    }
  }
}
