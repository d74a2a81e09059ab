package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.util.ArrayDeque;

/** S-expression helpers for tests that must not recurse (Sexp.equals does). */
final class Sexps {
  private Sexps() {}

  /** Structural equality without recursion. */
  static boolean equal(Sexp a, Sexp b) {
    ArrayDeque<Sexp[]> todo = new ArrayDeque<>();
    todo.push(new Sexp[] {a, b});
    while (!todo.isEmpty()) {
      Sexp[] p = todo.pop();
      if (p[0] instanceof Sexp.SList && p[1] instanceof Sexp.SList) {
        Sexp.SList x = (Sexp.SList) p[0];
        Sexp.SList y = (Sexp.SList) p[1];
        if (x.size() != y.size()) {
          return false;
        }
        for (int i = 0; i < x.size(); i++) {
          todo.push(new Sexp[] {x.get(i), y.get(i)});
        }
      } else if (p[0] instanceof Sexp.SList || p[1] instanceof Sexp.SList || !p[0].equals(p[1])) {
        return false;
      }
    }
    return true;
  }
}
