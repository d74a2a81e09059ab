package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounded, Python-{@code repr}-like text for a value that came from a peer, for error messages
 * and log lines. A received value is a graph the peer shaped: lists, tuples, dicts and sets may
 * share elements (a 1.5 KB message can describe a DAG whose full text is exponentially long) or
 * contain themselves. So this walk
 *
 * <ul>
 *   <li>stops at a character budget, ending the text with {@code ...};
 *   <li>writes each container at most once: a container met again (shared or a cycle) is written
 *       {@code ...}, like Python's {@code [...]} for a list that contains itself;
 *   <li>uses an explicit stack, so nesting costs no Java stack;
 *   <li>never calls {@code toString()} on a container or on an object of a registered class (it
 *       writes the class name), only on numbers, booleans and Java time values.
 * </ul>
 *
 * <p>So its cost is proportional to the budget plus the containers it opens, whatever the graph.
 * Thread-safe (no state).
 */
public final class ValueText {
  /** The budget {@link #describe} uses. */
  public static final int DESCRIBE_BUDGET = 40;

  /** The budget for a value quoted in an exception message or a log line. */
  public static final int MESSAGE_BUDGET = 200;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ValueText() {}

  /**
   * Python's type name and a short repr: {@code list [1, 2, ...]}, {@code str 'abc'}, {@code
   * None}; an object that is not one of jelly's value types is its class name.
   *
   * @param value any value, or {@code null}
   * @return the type name and a repr of at most about {@link #DESCRIBE_BUDGET} chars, for example
   *     {@code str 'abc'}
   */
  public static String describe(Object value) {
    if (value == null) {
      return "None";
    }
    String type = typeName(value);
    if (type == null) {
      return value.getClass().getName();
    }
    return type + " " + repr(value, DESCRIBE_BUDGET);
  }

  /**
   * Python's name of {@code value}'s type ({@code int}, {@code str}, {@code bytes}, {@code list},
   * {@code tuple}, {@code dict}, {@code set}, {@code frozenset}, ...), or null if it is none of
   * jelly's value types.
   *
   * @param value any value, or {@code null} ({@code NoneType})
   * @return the Python type name, or {@code null}
   */
  public static String typeName(Object value) {
    if (value == null) {
      return "NoneType";
    } else if (value instanceof Long || value instanceof BigInteger || value instanceof Integer
        || value instanceof Short || value instanceof Byte) {
      return "int";
    } else if (value instanceof String) {
      return "str";
    } else if (value instanceof ByteString) {
      return "bytes";
    } else if (value instanceof Double || value instanceof Float) {
      return "float";
    } else if (value instanceof Boolean) {
      return "bool";
    } else if (value instanceof Tuple) {
      return "tuple";
    } else if (value instanceof List) {
      return "list";
    } else if (value instanceof Map) {
      return "dict";
    } else if (value instanceof FrozenSet) {
      return "frozenset";
    } else if (value instanceof Set) {
      return "set";
    } else if (value instanceof BigDecimal) {
      return "decimal.Decimal";
    }
    return null;
  }

  /**
   * Text of a received s-expression, bounded as {@link #repr}: byte strings as Python's {@code
   * b'...'}, lists as {@code [...]}.
   *
   * @param value a received s-expression
   * @param budget the most characters, about; at least 4
   * @return the text, ending {@code ...} if it was cut
   */
  public static String sexp(Sexp value, int budget) {
    return repr(value, budget);
  }

  /**
   * Python-like text of {@code value}, at most about {@code budget} characters (a longer text is
   * cut and ends with {@code ...}).
   *
   * @param value any value, or {@code null}
   * @param budget the most characters, about; at least 4
   * @return the text, ending {@code ...} if it was cut
   * @throws IllegalArgumentException if {@code budget} is below 4
   */
  public static String repr(Object value, int budget) {
    if (budget < 4) {
      throw new IllegalArgumentException("budget: " + budget + " (expected: >= 4)");
    }
    return new Walk(budget).run(value);
  }

  /** One rendering: the output, the containers already written, the open containers. */
  private static final class Walk {
    private final int budget;
    private final StringBuilder out = new StringBuilder();
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();

    Walk(int budget) {
      this.budget = budget;
    }

    String run(Object root) {
      value(root);
      while (!stack.isEmpty() && !full()) {
        Frame f = stack.peek();
        if (!f.items.hasNext()) {
          stack.pop();
          out.append(f.close);
          continue;
        }
        if (f.count > 0) {
          out.append(", ");
        }
        f.count++;
        Object item = f.items.next();
        if (f.map) {
          Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
          value(e.getKey());
          if (full()) {
            break;
          }
          out.append(": ");
          value(e.getValue());
        } else {
          value(item);
        }
        if (f.oneTuple && !f.items.hasNext()) {
          out.append(',');
        }
      }
      if (full()) {
        out.setLength(budget - 3);
        out.append("...");
      }
      return out.toString();
    }

    private boolean full() {
      return out.length() > budget;
    }

    /** Writes a scalar, or opens a container (its items are written by {@link #run}). */
    private void value(Object v) {
      if (v == null) {
        out.append("None");
      } else if (v instanceof Boolean b) {
        out.append(b ? "True" : "False");
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short
          || v instanceof Byte) {
        out.append(((Number) v).longValue());
      } else if (v instanceof BigInteger b) {
        // At most a few hundred digits come from Banana, but a Java caller may pass anything.
        if (b.bitLength() > 4 * budget) {
          out.append(b.signum() < 0 ? "-" : "").append("<int of ").append(b.bitLength())
              .append(" bits>");
        } else {
          out.append(b);
        }
      } else if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        out.append(Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf")
            : Double.toString(d));
      } else if (v instanceof String s) {
        string(s);
      } else if (v instanceof ByteString b) {
        bytes(b.internalArray());
      } else if (v instanceof BigDecimal d) {
        String text = d.precision() > budget ? "<" + d.precision() + " digits>" : d.toString();
        out.append("Decimal('").append(text).append("')");
      } else if (v instanceof Tuple t) {
        if (first(v)) {
          open(t.iterator(), "(", ")", false, t.size() == 1);
        }
      } else if (v instanceof List<?> l) {
        if (first(v)) {
          open(l.iterator(), "[", "]", false, false);
        }
      } else if (v instanceof Map<?, ?> m) {
        if (first(v)) {
          open(m.entrySet().iterator(), "{", "}", true, false);
        }
      } else if (v instanceof Set<?> s) {
        if (first(v)) {
          boolean frozen = v instanceof FrozenSet;
          if (s.isEmpty()) {
            out.append(frozen ? "frozenset()" : "set()");
          } else {
            open(s.iterator(), frozen ? "frozenset({" : "{", frozen ? "})" : "}", false, false);
          }
        }
      } else if (v instanceof Sexp sexp) {
        sexp(sexp);
      } else if (v instanceof Collection<?>) {
        out.append('<').append(v.getClass().getName()).append('>');
      } else if (v instanceof java.time.temporal.TemporalAccessor
          || v instanceof java.time.Duration || v instanceof Unpersistable) {
        out.append(v); // small, fixed-size values of our own making
      } else {
        out.append('<').append(v.getClass().getName()).append('>');
      }
    }

    /** Banana's s-expressions, as Twisted's {@code repr} of the decoded list shows them. */
    private void sexp(Sexp s) {
      if (s instanceof Sexp.Bytes b) {
        bytes(b.value());
      } else if (s instanceof Sexp.Int i) {
        out.append(i.value());
      } else if (s instanceof Sexp.BigInt b) {
        value(b.value());
      } else if (s instanceof Sexp.Float f) {
        value(f.value());
      } else if (s instanceof Sexp.SList l) {
        if (first(l)) {
          open(l.items().iterator(), "[", "]", false, false);
        }
      }
    }

    /** Marks a container written; false (and writes {@code ...}) if it was already. */
    private boolean first(Object container) {
      if (seen.put(container, Boolean.TRUE) != null) {
        out.append("...");
        return false;
      }
      return true;
    }

    private void open(Iterator<?> items, String open, String close, boolean map, boolean oneTuple) {
      out.append(open);
      stack.push(new Frame(items, close, map, oneTuple));
    }

    private void string(String s) {
      out.append('\'');
      for (int i = 0; i < s.length() && !full(); i++) {
        char c = s.charAt(i);
        if (c == '\'' || c == '\\') {
          out.append('\\').append(c);
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\r') {
          out.append("\\r");
        } else if (c == '\t') {
          out.append("\\t");
        } else if (c < 0x20 || c == 0x7f) {
          out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        } else {
          out.append(c);
        }
      }
      out.append('\'');
    }

    private void bytes(byte[] b) {
      out.append("b'");
      for (int i = 0; i < b.length && !full(); i++) {
        int c = b[i] & 0xff;
        if (c == '\'' || c == '\\') {
          out.append('\\').append((char) c);
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\r') {
          out.append("\\r");
        } else if (c == '\t') {
          out.append("\\t");
        } else if (c < 0x20 || c >= 0x7f) {
          out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        } else {
          out.append((char) c);
        }
      }
      out.append('\'');
    }
  }

  private static final class Frame {
    final Iterator<?> items;
    final String close;
    final boolean map;
    final boolean oneTuple;
    int count;

    Frame(Iterator<?> items, String close, boolean map, boolean oneTuple) {
      this.items = items;
      this.close = close;
      this.map = map;
      this.oneTuple = oneTuple;
    }
  }
}
