package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.testing.LeakChecked;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of two Java brokers, and of one broker fed junk. */
@LeakChecked
class BrokerPropertiesTest {
  /** Atoms, and lists, tuples and dictionaries of them nested three deep (or less). */
  static Gen<Object> values() {
    Gen<Object> atoms = Gens.oneOf(
        Gens.longs().map(v -> (Object) v),
        Gens.doubles().map(v -> (Object) v),
        Gens.codePointStrings(20).map(v -> (Object) v),
        Gens.bytes(0, 20).map(v -> (Object) ByteString.of(v)),
        Gens.booleans().map(v -> (Object) v),
        Gens.just(null));
    java.util.function.Function<Gen<Object>, Gen<Object>> containers = v -> Gens.oneOf(
        Gens.lists(v, 0, 4).map(l -> (Object) new ArrayList<>(l)),
        Gens.lists(v, 0, 4).map(l -> (Object) Tuple.copyOf(l)),
        Gens.lists(Gens.codePointStrings(5).zip(v, java.util.AbstractMap.SimpleEntry::new), 0, 3).map(es -> {
          LinkedHashMap<String, Object> m = new LinkedHashMap<>();
          es.forEach(e -> m.put(e.getKey(), e.getValue()));
          return (Object) m;
        }));
    // Exactly three levels of containers (as jqwik's recursive(.., 3) made), or fewer.
    Gen<Object> nested = containers.apply(containers.apply(containers.apply(atoms)));
    return Gens.oneOf(nested, Gens.recursive(atoms, containers, 3));
  }

  @Test
  void anyValueComesBackFromAnEcho() {
    Theories.qt(290).forAll(values()).checkAssert(BrokerPropertiesTest::anyValueComesBackFromAnEcho);
  }

  static void anyValueComesBackFromAnEcho(Object value) {
    try (EmbeddedPair pair = new EmbeddedPair(new Goldens.GoldenRoot())) {
      CompletableFuture<Object> f = pair.root().callRemote("echo", value);
      pair.pump();
      assertEquals(value, f.join());
    }
  }

  @Test
  void junkBytesOnlyEverCloseWithAProtocolError() {
    Theories.qt(370)
        .forAll(Gens.bytes(0, 255))
        .checkAssert(BrokerPropertiesTest::junkBytesOnlyEverCloseWithAProtocolError);
  }

  static void junkBytesOnlyEverCloseWithAProtocolError(byte[] junk) {
    try (EmbeddedPair pair = new EmbeddedPair(new Goldens.GoldenRoot())) {
      CompletableFuture<Object> pending = pair.root().callRemote("echo", 1);
      pair.client.next(); // the call never reaches the server
      pair.server.channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(junk));
      pair.pump();
      assertClosedOnlyByProtocolErrors(pair.server);
      assertTrue(!pending.isDone() || pending.isCompletedExceptionally());
    }
  }

  static Gen<Sexp> messages() {
    Gen<Sexp> atoms = Gens.oneOf(
        Gens.longs(-2, 5).map(Sexp::integer),
        Gens.constants("root", "echo", "add", "getChild", "remote", "local", "cached", "lcache", "tuple",
            "dictionary", "list", "None", "unicode", "boolean", "true", "reference", "dereference",
            "goldens.CopyPoint", "twisted.spread.pb.CopyableFailure", "x").map(s -> (Sexp) Sexp.ascii(s)),
        Gens.doubles().map(Sexp::floating));
    java.util.function.Function<Gen<Sexp>, Gen<Sexp>> lists =
        v -> Gens.lists(v, 0, 4).map(l -> (Sexp) Sexp.list(l));
    Gen<Sexp> values = Gens.oneOf(lists.apply(lists.apply(lists.apply(atoms))), Gens.recursive(atoms, lists, 3));
    Gen<Sexp> kinds = Gens.constants("message", "cachemessage", "answer", "error", "decref", "decache",
        "uncache", "version", "didNotUnderstand", "frobnicate").map(Sexp::ascii);
    return Gens.oneOf(
        values,
        kinds.zip(Gens.lists(values, 0, 7), (k, rest) -> {
          List<Sexp> items = new ArrayList<>();
          items.add(k);
          items.addAll(rest);
          return (Sexp) Sexp.list(items);
        }),
        Gens.lists(values, 2).map(args -> (Sexp) Msg.l(Msg.a("message"), Msg.i(1), Msg.a("root"),
            Msg.a("echo"), Msg.i(1), Msg.l(Msg.a("tuple"), args.get(0)), Msg.l(Msg.a("dictionary")))));
  }

  @Test
  void arbitraryMessagesAreAnsweredOrCloseWithAProtocolError() {
    Theories.qt(580)
        .forAll(messages())
        .checkAssert(BrokerPropertiesTest::arbitraryMessagesAreAnsweredOrCloseWithAProtocolError);
  }

  static void arbitraryMessagesAreAnsweredOrCloseWithAProtocolError(Sexp message) {
    try (EmbeddedPair pair = new EmbeddedPair(new Goldens.GoldenRoot(), PbServer.builder().jelly(Goldens.registry(false)),
        PbClient.builder())) {
      pair.server.feed(message);
      assertClosedOnlyByProtocolErrors(pair.server);
      for (String hex; (hex = pair.server.next()) != null; ) {
        Sexp out = EmbeddedPb.decode(hex);
        Sexp.SList l = assertInstanceOf(Sexp.SList.class, out);
        String kind = ((Sexp.Bytes) l.get(0)).asLatin1();
        assertTrue(List.of("answer", "error", "decref", "decache", "uncache", "message").contains(kind), kind);
      }
    }
  }

  private static void assertClosedOnlyByProtocolErrors(EmbeddedPb side) {
    if (side.channel.isOpen()) {
      return;
    }
    CompletableFuture<Void> closed = side.connection.closeFuture().toCompletableFuture();
    assertTrue(closed.isDone());
    if (closed.isCompletedExceptionally()) {
      CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, closed::join);
      assertInstanceOf(PbProtocolException.class, e.getCause(), Arrays.toString(e.getStackTrace()));
    }
  }
}
