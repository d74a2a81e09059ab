package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.testing.LeakChecked;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of two Java brokers, and of one broker fed junk. */
@LeakChecked
class BrokerPropertiesTest {
  @Provide
  Arbitrary<Object> values() {
    Arbitrary<Object> atoms = Arbitraries.oneOf(
        Arbitraries.longs().map(v -> (Object) v),
        Arbitraries.doubles().map(v -> (Object) v),
        Arbitraries.strings().ofMaxLength(20).filter(BrokerPropertiesTest::validUtf16).map(v -> (Object) v),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(v -> (Object) ByteString.of(v)),
        Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(v -> (Object) v),
        Arbitraries.just(null));
    return Arbitraries.recursive(() -> atoms, v -> Arbitraries.oneOf(
        v.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
        v.list().ofMaxSize(4).map(l -> (Object) Tuple.copyOf(l)),
        Arbitraries.maps(Arbitraries.strings().ofMaxLength(5).filter(BrokerPropertiesTest::validUtf16), v)
            .ofMaxSize(3).map(m -> (Object) new LinkedHashMap<>(m))), 3);
  }

  private static boolean validUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Property(tries = 200)
  void anyValueComesBackFromAnEcho(@ForAll("values") Object value) {
    try (EmbeddedPair pair = new EmbeddedPair(new Goldens.GoldenRoot())) {
      CompletableFuture<Object> f = pair.root().callRemote("echo", value);
      pair.pump();
      assertEquals(value, f.join());
    }
  }

  @Property(tries = 300)
  void junkBytesOnlyEverCloseWithAProtocolError(@ForAll byte[] junk) {
    try (EmbeddedPair pair = new EmbeddedPair(new Goldens.GoldenRoot())) {
      CompletableFuture<Object> pending = pair.root().callRemote("echo", 1);
      pair.client.next(); // the call never reaches the server
      pair.server.channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(junk));
      pair.pump();
      assertClosedOnlyByProtocolErrors(pair.server);
      assertTrue(!pending.isDone() || pending.isCompletedExceptionally());
    }
  }

  @Provide
  Arbitrary<Sexp> messages() {
    Arbitrary<Sexp> atoms = Arbitraries.oneOf(
        Arbitraries.longs().between(-2, 5).map(Sexp::integer),
        Arbitraries.of("root", "echo", "add", "getChild", "remote", "local", "cached", "lcache", "tuple",
            "dictionary", "list", "None", "unicode", "boolean", "true", "reference", "dereference",
            "goldens.CopyPoint", "twisted.spread.pb.CopyableFailure", "x").map(s -> (Sexp) Sexp.ascii(s)),
        Arbitraries.doubles().map(Sexp::floating));
    Arbitrary<Sexp> values = Arbitraries.recursive(() -> atoms,
        v -> v.list().ofMaxSize(4).map(l -> (Sexp) Sexp.list(l)), 3);
    Arbitrary<Sexp> kinds = Arbitraries.of("message", "cachemessage", "answer", "error", "decref", "decache",
        "uncache", "version", "didNotUnderstand", "frobnicate").map(Sexp::ascii);
    return Arbitraries.oneOf(
        values,
        kinds.flatMap(k -> values.list().ofMaxSize(7).map(rest -> {
          List<Sexp> items = new ArrayList<>();
          items.add(k);
          items.addAll(rest);
          return (Sexp) Sexp.list(items);
        })),
        values.list().ofSize(2).map(args -> (Sexp) Msg.l(Msg.a("message"), Msg.i(1), Msg.a("root"),
            Msg.a("echo"), Msg.i(1), Msg.l(Msg.a("tuple"), args.get(0)), Msg.l(Msg.a("dictionary")))));
  }

  @Property(tries = 500)
  void arbitraryMessagesAreAnsweredOrCloseWithAProtocolError(@ForAll("messages") Sexp message) {
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
