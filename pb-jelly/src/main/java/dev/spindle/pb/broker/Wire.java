package dev.spindle.pb.broker;

import dev.spindle.pb.banana.Sexp;

/** PB's message kinds and reference heads as pre-built atoms, and its constants. */
final class Wire {
  /** {@code Broker.version}: the only protocol version there is. */
  static final int PROTOCOL_VERSION = 6;

  /** The name the server's root object is published under. */
  static final String ROOT = "root";

  /** The type name of a wrapped failure: {@code pb.CopyableFailure}'s qualified name. */
  static final String COPYABLE_FAILURE = "twisted.spread.pb.CopyableFailure";

  static final Sexp.Bytes VERSION = Sexp.ascii("version");
  static final Sexp.Bytes MESSAGE = Sexp.ascii("message");
  static final Sexp.Bytes CACHEMESSAGE = Sexp.ascii("cachemessage");
  static final Sexp.Bytes ANSWER = Sexp.ascii("answer");
  static final Sexp.Bytes ERROR = Sexp.ascii("error");
  static final Sexp.Bytes DECREF = Sexp.ascii("decref");
  static final Sexp.Bytes DECACHE = Sexp.ascii("decache");
  static final Sexp.Bytes UNCACHE = Sexp.ascii("uncache");

  static final String REMOTE = "remote";
  static final String LOCAL = "local";
  static final String CACHED = "cached";
  static final String LCACHE = "lcache";
  static final Sexp.Bytes REMOTE_ATOM = Sexp.ascii(REMOTE);
  static final Sexp.Bytes CACHED_ATOM = Sexp.ascii(CACHED);
  static final Sexp.Bytes COPYABLE_FAILURE_ATOM = Sexp.ascii(COPYABLE_FAILURE);

  static final Sexp.Int ANSWER_REQUIRED = new Sexp.Int(1);
  static final Sexp.Int NO_ANSWER = new Sexp.Int(0);

  private Wire() {}
}
