package dev.spindle.cli;

import dev.spindle.amp.command.ArgumentTypes;
import dev.spindle.pb.banana.Sexp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Text forms of Banana s-expressions for {@code spindle dump}: as Banana carries them ({@code
 * [b'version', 6]}), as the Python values their Jelly stands for ({@code [1, 'two', (3,)]}), and
 * as PB messages ({@code message 1 to root: echo(42)}). Reads without a registry or a broker, so
 * it shows anything: instances as {@code module.Class(state)}, references as {@code <remote 1>}.
 */
final class SexpText {
  /** The PB message kinds (PB.md, section 3). */
  static final Set<String> PB_KINDS = Set.of(
      "version", "message", "cachemessage", "answer", "error", "decref", "decache", "uncache",
      "didNotUnderstand");

  private static final String FAILURE = "twisted.spread.pb.CopyableFailure";

  private SexpText() {}

  // ---- Banana ------------------------------------------------------------------------------

  /** The expression as Banana carries it: integers, floats, {@code b'...'} and {@code [...]}. */
  static String banana(Sexp s) {
    StringBuilder sb = new StringBuilder();
    banana(s, sb);
    return sb.toString();
  }

  private static void banana(Sexp s, StringBuilder sb) {
    if (s instanceof Sexp.SList l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        banana(l.get(i), sb);
      }
      sb.append(']');
    } else {
      sb.append(atom(s));
    }
  }

  private static String atom(Sexp s) {
    if (s instanceof Sexp.Int i) {
      return Long.toString(i.value());
    }
    if (s instanceof Sexp.BigInt b) {
      return b.value().toString();
    }
    if (s instanceof Sexp.Float f) {
      return PyText.floating(f.value());
    }
    if (s instanceof Sexp.Bytes b) {
      return PyText.bytes(b.value());
    }
    throw new IllegalArgumentException("not an atom: " + s);
  }

  // ---- Jelly -------------------------------------------------------------------------------

  /** The Python value {@code s} is the Jelly of, in Python's {@code repr} form. */
  static String jelly(Sexp s) {
    StringBuilder sb = new StringBuilder();
    jelly(s, sb, 0);
    return sb.toString();
  }

  private static void jelly(Sexp s, StringBuilder sb, int depth) {
    if (!(s instanceof Sexp.SList l)) {
      sb.append(atom(s));
      return;
    }
    if (l.size() == 0 || !(l.get(0) instanceof Sexp.Bytes headBytes) || depth > 500) {
      banana(s, sb);
      return;
    }
    String head = headBytes.asLatin1();
    List<Sexp> args = l.items().subList(1, l.size());
    switch (head) {
      case "None":
        if (args.isEmpty()) {
          sb.append("None");
          return;
        }
        break;
      case "boolean":
        if (args.size() == 1 && args.get(0) instanceof Sexp.Bytes b && (b.is("true") || b.is("false"))) {
          sb.append(b.is("true") ? "True" : "False");
          return;
        }
        break;
      case "unicode":
        if (args.size() == 1 && args.get(0) instanceof Sexp.Bytes b) {
          try {
            sb.append(PyText.str(ArgumentTypes.bytesToString(b.value())));
          } catch (RuntimeException e) {
            sb.append("<bad unicode ").append(PyText.bytes(b.value())).append('>');
          }
          return;
        }
        break;
      case "list":
        sb.append('[');
        items(args, sb, depth);
        sb.append(']');
        return;
      case "tuple":
        sb.append('(');
        items(args, sb, depth);
        sb.append(args.size() == 1 ? ",)" : ")");
        return;
      case "set":
        if (args.isEmpty()) {
          sb.append("set()");
        } else {
          sb.append('{');
          items(args, sb, depth);
          sb.append('}');
        }
        return;
      case "frozenset":
        sb.append("frozenset(");
        if (!args.isEmpty()) {
          sb.append('{');
          items(args, sb, depth);
          sb.append('}');
        }
        sb.append(')');
        return;
      case "dictionary":
        if (dictionary(args, sb, depth)) {
          return;
        }
        break;
      case "reference":
        if (args.size() == 2) {
          jelly(args.get(1), sb, depth + 1);
          return;
        }
        break;
      case "dereference":
      case "remote":
      case "local":
      case "cached":
      case "lcache":
        if (args.size() == 1) {
          sb.append('<').append(head).append(' ');
          jelly(args.get(0), sb, depth + 1);
          sb.append('>');
          return;
        }
        break;
      case "decimal":
        if (args.size() == 2 && integer(args.get(0)) != null && args.get(1) instanceof Sexp.Int e
            && Math.abs(e.value()) < 1_000_000_000L) {
          BigDecimal d = new BigDecimal(integer(args.get(0)), (int) -e.value());
          sb.append("Decimal(").append(PyText.str(d.toString())).append(')');
          return;
        }
        break;
      case "datetime":
      case "date":
      case "time":
      case "timedelta":
        if (args.size() == 1 && args.get(0) instanceof Sexp.Bytes b && time(head, b.asLatin1(), sb)) {
          return;
        }
        break;
      case "unpersistable":
        if (args.size() == 1) {
          sb.append("Unpersistable(");
          jelly(args.get(0), sb, depth + 1);
          sb.append(')');
          return;
        }
        break;
      case FAILURE:
        if (failure(args, sb)) {
          return;
        }
        break;
      default:
        break;
    }
    // An instance, a copy, a cache, or something this reader does not know: head(args).
    sb.append(head).append('(');
    items(args, sb, depth);
    sb.append(')');
  }

  private static BigInteger integer(Sexp s) {
    if (s instanceof Sexp.Int i) {
      return BigInteger.valueOf(i.value());
    }
    return s instanceof Sexp.BigInt b ? b.value() : null;
  }

  private static void items(List<Sexp> items, StringBuilder sb, int depth) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      jelly(items.get(i), sb, depth + 1);
    }
  }

  private static boolean dictionary(List<Sexp> pairs, StringBuilder sb, int depth) {
    for (Sexp p : pairs) {
      if (!(p instanceof Sexp.SList l) || l.size() != 2) {
        return false;
      }
    }
    sb.append('{');
    for (int i = 0; i < pairs.size(); i++) {
      Sexp.SList pair = (Sexp.SList) pairs.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      jelly(pair.get(0), sb, depth + 1);
      sb.append(": ");
      jelly(pair.get(1), sb, depth + 1);
    }
    sb.append('}');
    return true;
  }

  /** A CopyableFailure as {@code <failure builtins.ValueError: 'boom'>}. */
  private static boolean failure(List<Sexp> args, StringBuilder sb) {
    if (args.size() != 1 || !(args.get(0) instanceof Sexp.SList state) || state.size() == 0
        || !(state.get(0) instanceof Sexp.Bytes h) || !h.is("dictionary")) {
      return false;
    }
    String type = null;
    String value = null;
    for (Sexp p : state.items().subList(1, state.size())) {
      if (p instanceof Sexp.SList pair && pair.size() == 2) {
        String key = jelly(pair.get(0));
        if (key.equals("'type'") && pair.get(1) instanceof Sexp.Bytes t) {
          type = t.asLatin1();
        } else if (key.equals("'value'")) {
          value = jelly(pair.get(1));
        }
      }
    }
    if (type == null || value == null) {
      return false;
    }
    sb.append("<failure ").append(type).append(": ").append(value).append('>');
    return true;
  }

  /** Jelly's time values ({@code "Y M D h m s us"} and friends) as Python's repr. */
  private static boolean time(String head, String text, StringBuilder sb) {
    String[] parts = text.trim().split(" +");
    long[] n = new long[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        n[i] = Long.parseLong(parts[i]);
      }
    } catch (NumberFormatException e) {
      return false;
    }
    List<String> shown = new ArrayList<>();
    switch (head) {
      case "datetime":
        if (n.length != 7) {
          return false;
        }
        for (int i = 0; i < 5; i++) {
          shown.add(Long.toString(n[i]));
        }
        trailing(shown, n[5], n[6]);
        break;
      case "date":
        if (n.length != 3) {
          return false;
        }
        for (long x : n) {
          shown.add(Long.toString(x));
        }
        break;
      case "time":
        if (n.length != 4) {
          return false;
        }
        shown.add(Long.toString(n[0]));
        shown.add(Long.toString(n[1]));
        trailing(shown, n[2], n[3]);
        break;
      default: // timedelta
        if (n.length != 3) {
          return false;
        }
        String[] names = {"days", "seconds", "microseconds"};
        for (int i = 0; i < 3; i++) {
          if (n[i] != 0) {
            shown.add(names[i] + "=" + n[i]);
          }
        }
        if (shown.isEmpty()) {
          shown.add("0");
        }
        break;
    }
    sb.append("datetime.").append(head).append('(').append(String.join(", ", shown)).append(')');
    return true;
  }

  private static void trailing(List<String> shown, long seconds, long micros) {
    if (seconds != 0 || micros != 0) {
      shown.add(Long.toString(seconds));
    }
    if (micros != 0) {
      shown.add(Long.toString(micros));
    }
  }

  // ---- PB ----------------------------------------------------------------------------------

  /** True if {@code s} is a list headed by a PB message kind. */
  static boolean isPbMessage(Sexp s) {
    return s instanceof Sexp.SList l && l.size() > 0 && l.get(0) instanceof Sexp.Bytes b
        && PB_KINDS.contains(b.asLatin1());
  }

  /**
   * One PB message: {@code message 1 to root: echo(42)}, {@code answer 1: 42}, {@code error 2:
   * <failure builtins.ValueError: 'boom'>}, {@code decref 3}, {@code version 6}. Anything else is
   * shown as Banana, after {@code ? }.
   */
  static String pb(Sexp s) {
    if (!isPbMessage(s)) {
      return "? " + banana(s);
    }
    Sexp.SList l = (Sexp.SList) s;
    String kind = ((Sexp.Bytes) l.get(0)).asLatin1();
    List<Sexp> f = l.items().subList(1, l.size());
    switch (kind) {
      case "message":
      case "cachemessage":
        if (f.size() == 6 && f.get(2) instanceof Sexp.Bytes name) {
          StringBuilder sb = new StringBuilder(kind).append(' ').append(atom(f.get(0))).append(" to ");
          sb.append(kind.equals("cachemessage") ? "cache " : "").append(objectId(f.get(1))).append(": ");
          sb.append(new String(name.value(), StandardCharsets.UTF_8)).append('(');
          call(f.get(4), f.get(5), sb);
          sb.append(')');
          if (f.get(3) instanceof Sexp.Int a && a.value() == 0) {
            sb.append(" (no answer)");
          }
          return sb.toString();
        }
        break;
      case "answer":
      case "error":
        if (f.size() == 2) {
          return kind + " " + atom(f.get(0)) + ": " + jelly(f.get(1));
        }
        break;
      default:
        break;
    }
    StringBuilder sb = new StringBuilder(kind);
    for (Sexp x : f) {
      sb.append(' ').append(x instanceof Sexp.SList ? jelly(x) : atom(x));
    }
    return sb.toString();
  }

  /** An object id: {@code root} for a name, {@code luid 5} for a number. */
  private static String objectId(Sexp id) {
    if (id instanceof Sexp.Bytes b) {
      String t = b.asLatin1();
      return t.matches("[A-Za-z_][A-Za-z0-9_.]*") ? t : PyText.bytes(b.value());
    }
    return id instanceof Sexp.SList ? banana(id) : "luid " + atom(id);
  }

  /** Positional arguments (a jellied tuple) and keywords (a jellied dictionary): {@code 1, b=2}. */
  private static void call(Sexp args, Sexp kwargs, StringBuilder sb) {
    List<String> parts = new ArrayList<>();
    if (args instanceof Sexp.SList t && t.size() > 0 && t.get(0) instanceof Sexp.Bytes h && h.is("tuple")) {
      for (Sexp a : t.items().subList(1, t.size())) {
        parts.add(jelly(a));
      }
    } else {
      parts.add("*" + jelly(args));
    }
    if (kwargs instanceof Sexp.SList d && d.size() > 0 && d.get(0) instanceof Sexp.Bytes h && h.is("dictionary")) {
      for (Sexp p : d.items().subList(1, d.size())) {
        if (p instanceof Sexp.SList pair && pair.size() == 2 && keyword(pair.get(0)) != null) {
          parts.add(keyword(pair.get(0)) + "=" + jelly(pair.get(1)));
        } else {
          parts.add("**" + jelly(kwargs));
          break;
        }
      }
    } else {
      parts.add("**" + jelly(kwargs));
    }
    sb.append(String.join(", ", parts));
  }

  /** A keyword's name (a jellied str or bytes), or null. */
  private static String keyword(Sexp key) {
    if (key instanceof Sexp.Bytes b) {
      return b.asLatin1();
    }
    if (key instanceof Sexp.SList l && l.size() == 2 && l.get(0) instanceof Sexp.Bytes h && h.is("unicode")
        && l.get(1) instanceof Sexp.Bytes v) {
      return new String(v.value(), StandardCharsets.UTF_8);
    }
    return null;
  }
}
