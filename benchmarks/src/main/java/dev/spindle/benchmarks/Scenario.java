package dev.spindle.benchmarks;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.Sexp;
import java.util.Arrays;
import java.util.List;

/** One row group of the side-by-side table: a protocol, a call and how many go at once. */
enum Scenario {
  AMP_SEQ("amp-seq", Protocol.AMP, "AMP Sum, one at a time", 1, 1, 0),
  AMP_INFLIGHT("amp-inflight", Protocol.AMP, "AMP Sum, 100 in flight", 1, 100, 0),
  AMP_CONNS("amp-conns", Protocol.AMP, "AMP Sum, 8 conns x 100 in flight", 8, 100, 0),
  AMP_ECHO("amp-echo", Protocol.AMP, "AMP Echo 60 KiB, 100 in flight", 1, 100, 60 * 1024),
  PB_SEQ("pb-seq", Protocol.PB, "PB add, one at a time", 1, 1, 0),
  PB_INFLIGHT("pb-inflight", Protocol.PB, "PB add, 100 in flight", 1, 100, 0),
  /** The same calls through a generated stub and skeleton ({@link TypedAdder}): the same bytes. */
  PB_TYPED_INFLIGHT("pb-typed-inflight", Protocol.PB, "PB add typed (stub, skeleton), 100 in flight",
      1, 100, 0);

  /** The wire protocol, and the Twisted peer script that speaks it. */
  enum Protocol {
    AMP("amp", "amp_bench.py"),
    PB("pb", "pb_bench.py");

    final String id;
    final String script;

    Protocol(String id, String script) {
      this.id = id;
      this.script = script;
    }
  }

  /** A typical ask id and first argument (the calls count up from 0). */
  private static final long TYPICAL_N = 100_000;

  final String id;
  final Protocol protocol;
  final String title;
  final int connections;
  final int inflight;
  /** Bytes of the echoed value each way, or 0 for the add calls. */
  final int payload;

  Scenario(String id, Protocol protocol, String title, int connections, int inflight, int payload) {
    this.id = id;
    this.protocol = protocol;
    this.title = title;
    this.connections = connections;
    this.inflight = inflight;
    this.payload = payload;
  }

  /** Whether the Java side calls and answers through {@link TypedAdder}'s stub and skeleton. */
  boolean typed() {
    return this == PB_TYPED_INFLIGHT;
  }

  /** One call at a time on one connection: the rows with latency percentiles. */
  boolean sequential() {
    return connections == 1 && inflight == 1;
  }

  /** The scenario named {@code id}, or null. */
  static Scenario byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElse(null);
  }

  /** The call's name in the Twisted peer script ({@code client PORT <name>}). */
  String twistedCall() {
    return protocol == Protocol.PB ? "add" : payload > 0 ? "echo" : "sum";
  }

  /** Size of a typical request on the wire, in bytes: what the raw-socket floor sends. */
  int requestBytes() {
    if (protocol == Protocol.PB) {
      return banana(Sexp.list(
          Sexp.ascii("message"), Sexp.integer(TYPICAL_N), Sexp.ascii("root"), Sexp.ascii("add"),
          Sexp.integer(1),
          Sexp.list(Sexp.ascii("tuple"), Sexp.integer(TYPICAL_N), Sexp.integer(1)),
          Sexp.list(Sexp.ascii("dictionary"))));
    }
    AmpBox box = new AmpBox()
        .putString("_ask", Long.toHexString(TYPICAL_N))
        .putString("_command", payload > 0 ? "Echo" : "Sum");
    if (payload > 0) {
      box.put("value", new byte[payload]);
    } else {
      box.putString("a", Long.toString(TYPICAL_N)).putString("b", "1");
    }
    return box.encodedLength();
  }

  /** Size of a typical answer on the wire, in bytes: what the raw-socket floor answers. */
  int responseBytes() {
    if (protocol == Protocol.PB) {
      return banana(Sexp.list(
          Sexp.ascii("answer"), Sexp.integer(TYPICAL_N), Sexp.integer(TYPICAL_N + 1)));
    }
    AmpBox box = new AmpBox().putString("_answer", Long.toHexString(TYPICAL_N));
    if (payload > 0) {
      box.put("value", new byte[payload]);
    } else {
      box.putString("total", Long.toString(TYPICAL_N + 1));
    }
    return box.encodedLength();
  }

  private static int banana(Sexp message) {
    return BananaEncoder.encode(message, BananaDialect.PB).length;
  }

  static List<Scenario> all() {
    return List.of(values());
  }
}
