package dev.spindle.pb;

import dev.spindle.pb.banana.Sexp;
import java.nio.charset.StandardCharsets;

/** Builds PB messages and Jelly values as s-expressions for tests. */
final class Msg {
  private Msg() {}

  static Sexp.Bytes a(String ascii) {
    return Sexp.ascii(ascii);
  }

  static Sexp.Int i(long v) {
    return new Sexp.Int(v);
  }

  static Sexp.SList l(Sexp... items) {
    return Sexp.list(items);
  }

  static Sexp.SList u(String text) {
    return l(a("unicode"), new Sexp.Bytes(text.getBytes(StandardCharsets.UTF_8)));
  }

  static Sexp.SList tuple(Sexp... items) {
    Sexp[] all = new Sexp[items.length + 1];
    all[0] = a("tuple");
    System.arraycopy(items, 0, all, 1, items.length);
    return l(all);
  }

  static Sexp.SList dict() {
    return l(a("dictionary"));
  }

  /** {@code ["message", id, "root", method, 1, ["tuple", args...], ["dictionary"]]}. */
  static Sexp.SList callRoot(long id, String method, Sexp... args) {
    return call(id, a("root"), method, args);
  }

  static Sexp.SList call(long id, Sexp objectId, String method, Sexp... args) {
    return l(a("message"), i(id), objectId, a(method), i(1), tuple(args), dict());
  }

  static Sexp.SList answer(long id, Sexp value) {
    return l(a("answer"), i(id), value);
  }

  static Sexp.SList remote(long luid) {
    return l(a("remote"), i(luid));
  }
}
