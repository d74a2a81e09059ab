package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.util.ArrayList;
import java.util.List;

/** Terse s-expression literals for tests: strings are ASCII byte strings, numbers integers. */
final class S {
  private S() {}

  static Sexp.SList l(Object... items) {
    List<Sexp> out = new ArrayList<>();
    for (Object o : items) {
      out.add(s(o));
    }
    return Sexp.list(out);
  }

  static Sexp s(Object o) {
    if (o instanceof Sexp) {
      return (Sexp) o;
    }
    if (o instanceof String) {
      return Sexp.ascii((String) o);
    }
    if (o instanceof byte[]) {
      return Sexp.bytes((byte[]) o);
    }
    if (o instanceof Integer || o instanceof Long) {
      return Sexp.integer(((Number) o).longValue());
    }
    if (o instanceof Double) {
      return Sexp.floating((Double) o);
    }
    throw new IllegalArgumentException(String.valueOf(o));
  }

  /** {@code ["unicode", text]}. */
  static Sexp.SList u(String text) {
    return l("unicode", Sexp.bytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
