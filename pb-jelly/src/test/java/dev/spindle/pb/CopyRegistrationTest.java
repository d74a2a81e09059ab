package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.flavors.Copyable;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.JellyException;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.testing.LeakChecked;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * One registration API on the PB builders for what the peer sends: copies receive-only ({@code
 * remoteCopy}, {@code remoteCopyAnyState}), copies both ways ({@code copy}), caches ({@code
 * remoteCache}); and the precedence of {@code Copyable} over a registration when sending.
 */
@LeakChecked
class CopyRegistrationTest {
  /** What the server sends: a Copyable with its own type name and state. */
  public static final class SentPoint implements Copyable {
    final long x;
    final long y;

    SentPoint(long x, long y) {
      this.x = x;
      this.y = y;
    }

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "shapes.Point";
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("x", x);
      state.put("y", y);
      return state;
    }
  }

  /** The client's own class for it: no state function, no Copyable. */
  record Point(long x, long y) {}

  /** A class that cannot implement Copyable, sent both ways by registration. */
  record Label(String text) {}

  /** Copyable and registered: Copyable wins when sending. */
  public record Both(String text) implements Copyable {
    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "shapes.Both";
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      return Map.of("text", "from Copyable");
    }
  }

  public static final class Root implements Referenceable {
    public SentPoint remote_point() {
      return new SentPoint(3, 4);
    }

    public Object remote_ducks() {
      return new Copyable() {
        @Override
        public String getTypeToCopyFor(Object perspective) {
          return "ponds.Pond";
        }

        @Override
        public Object getStateToCopyFor(Object perspective) {
          return List.of("mallard", "teal");
        }
      };
    }

    public Object remote_echo(Object value) {
      return value;
    }
  }

  private static Object call(EmbeddedPair pair, CompletableFuture<?> f) {
    pair.pump();
    assertTrue(f.isDone(), "answered");
    return f.join();
  }

  @Test
  void copiesAreReceivedWithoutAStateFunctionAndSentByRegistrationOrCopyable() {
    PbServer.Builder server = PbServer.builder()
        .copy("labels.Label", Label.class, l -> Map.of("text", l.text()),
            s -> new Label((String) s.get("text")))
        .copy("shapes.Both", Both.class, b -> Map.of("text", "from registration"),
            s -> new Both((String) s.get("text")));
    PbClient.Builder client = PbClient.builder()
        .jelly(JellyRegistry.builder().build())
        .remoteCopy("shapes.Point", Point.class,
            s -> new Point(((Number) s.get("x")).longValue(), ((Number) s.get("y")).longValue()))
        .remoteCopyAnyState("ponds.Pond", List.class, s -> (List<?>) s)
        .copy("labels.Label", Label.class, l -> Map.of("text", l.text()),
            s -> new Label((String) s.get("text")))
        .remoteCopy("shapes.Both", Both.class, s -> new Both((String) s.get("text")));
    try (EmbeddedPair pair = new EmbeddedPair(new Root(), server, client)) {
      RemoteReference root = pair.root();
      assertEquals(new Point(3, 4), call(pair, root.callRemote("point")));
      assertEquals(List.of("mallard", "teal"), call(pair, root.callRemote("ducks")));
      assertEquals(new Label("hi"), call(pair, root.callRemote("echo", new Label("hi"))),
          "a registered class without Copyable goes out as a copy and comes back");
      assertEquals(new Both("from Copyable"),
          call(pair, root.callRemote("echo", new Both("x"))), "Copyable wins over registration");

      // Receive-only: the client cannot send a Point (not Copyable, no state function).
      CompletableFuture<Object> refused = root.callRemote("echo", new Point(1, 2));
      pair.pump();
      assertInstanceOf(JellyException.class,
          assertThrows(CompletionException.class, refused::join).getCause());
    }
  }

  @Test
  void aTypeNameIsRegisteredOnceAcrossCopiesAndCaches() {
    PbClient.Builder b = PbClient.builder().remoteCopy("x.Y", Point.class, s -> new Point(0, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.remoteCache("x.Y", () -> null));
    assertEquals("typeName: x.Y (expected: registered once)", e.getMessage());
  }
}
