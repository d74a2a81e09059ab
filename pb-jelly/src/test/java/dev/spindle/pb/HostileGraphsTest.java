package dev.spindle.pb;

import static dev.spindle.pb.Msg.a;
import static dev.spindle.pb.Msg.dict;
import static dev.spindle.pb.Msg.i;
import static dev.spindle.pb.Msg.l;
import static dev.spindle.pb.Msg.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Root;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, finding 1: a small message holding a graph with maximal sharing (each level refers
 * twice to the level below, through jelly references) or a cycle must cost work proportional to
 * its bytes wherever the receiver touches it: describing it in an error, hashing it as a key,
 * comparing it. Every test would take hours (2**40 steps) or overflow the stack if any of those
 * walked the graph as a tree; the time bound is generous.
 */
@LeakChecked
class HostileGraphsTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final String CONNECT = "02827062" + "028013870681";
  private static final int DEPTH = 40;

  /** The root the attacks call. */
  public static final class Target implements Root {
    public long remote_add(long a, long b) {
      return a + b;
    }

    public Object remote_echo(Object value) {
      return value;
    }

    public int remote_size(java.util.Collection<?> c) {
      return c.size();
    }
  }

  private static EmbeddedPb connected() {
    EmbeddedPb server = EmbeddedPb.server(new Target(), PbServer.builder());
    server.next(); // the dialect offer
    server.feed(CONNECT);
    server.next(); // the version
    return server;
  }

  /**
   * {@code depth} levels of {@code kind} ("list" or "tuple"), level n holding level n-1 twice
   * (once inline, once as a dereference): 2**depth paths, about 12 bytes a level.
   */
  static Sexp dag(String kind, int depth, int firstId) {
    Sexp level = l(a("reference"), i(firstId), l(a(kind)));
    for (int d = 1; d <= depth; d++) {
      level = l(a("reference"), i(firstId + d), l(a(kind), level, l(a("dereference"), i(firstId + d - 1))));
    }
    return level;
  }

  private static Sexp message(long id, String method, Sexp args, Sexp kw) {
    return l(a("message"), i(id), a("root"), a(method), i(1), args, kw);
  }

  private static RemotePbException error(EmbeddedPb server) {
    Sexp answer = server.nextSexp();
    assertTrue(dev.spindle.pb.Failures.isCopyableFailure(answer), "an error answer: " + answer);
    return dev.spindle.pb.Failures.asRemote(answer);
  }

  @Test
  void theDagIsSmallOnTheWire() {
    int bytes = BananaEncoder.encode(dag("list", DEPTH, 1), BananaDialect.PB).length;
    assertTrue(bytes < 1000, bytes + " bytes");
  }

  @Test
  void anArgumentListThatIsADictHoldingADagIsDescribedBriefly() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EmbeddedPb server = connected()) {
        server.feed(message(1, "add", l(a("dictionary"), l(a("k"), dag("list", DEPTH, 1))), dict()));
        RemotePbException e = error(server);
        assertEquals("builtins.TypeError", e.typeName());
        assertTrue(e.value().startsWith("argument list: dict {b'k': [[[[[[[["), e.value());
        assertTrue(e.value().length() < 200, e.value());
        assertTrue(server.channel.isOpen());
      }
    });
  }

  @Test
  void anArgumentOfTheWrongTypeHoldingADagIsDescribedBriefly() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EmbeddedPb server = connected()) {
        server.feed(message(1, "add", tuple(dag("list", DEPTH, 1), i(1)), dict()));
        RemotePbException e = error(server);
        assertTrue(e.value().contains("expected long, got list [[[["), e.value());
      }
    });
  }

  @Test
  void anIndirectCycleIsDescribedWithoutOverflowingTheStack() {
    // a = [(a,)]: a list holding a tuple holding the list
    Sexp cycle = l(a("reference"), i(1), l(a("list"), tuple(l(a("dereference"), i(1)))));
    assertTimeoutPreemptively(BOUND, () -> {
      try (EmbeddedPb server = connected()) {
        server.feed(message(1, "add", tuple(cycle, i(1)), dict()));
        RemotePbException e = error(server);
        assertEquals("builtins.TypeError", e.typeName());
        assertTrue(e.value().contains("expected long, got list [(...,)]"), e.value());
        // a dict holding itself as the argument list
        Sexp self = l(a("reference"), i(1), l(a("dictionary"), l(a("self"), l(a("dereference"), i(1)))));
        server.feed(message(2, "add", self, dict()));
        e = error(server);
        assertTrue(e.value().contains("argument list: dict {b'self': ...}"), e.value());
      }
    });
  }

  @Test
  void aKeywordKeyThatIsATupleDagIsRefusedBriefly() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EmbeddedPb server = connected()) {
        server.feed(message(1, "add", tuple(), l(a("dictionary"), l(dag("tuple", DEPTH, 1), i(1)))));
        RemotePbException e = error(server);
        assertEquals("builtins.TypeError", e.typeName());
        assertTrue(e.value().startsWith("keywords must be strings, not tuple ((((("), e.value());
      }
    });
  }

  @Test
  void aDagEchoedBackIsJelliedWithItsSharing() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EmbeddedPb server = connected()) {
        server.feed(message(1, "echo", tuple(dag("list", DEPTH, 1)), dict()));
        String answer = server.next();
        assertTrue(answer != null && answer.length() < 4000, "a small answer: " + answer);
      }
    });
  }
}
