package dev.spindle.cli;

import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.FrozenSet;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.jelly.Unpersistable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code repr()} of the values PB calls return (unjellied Java values): {@code [1, 'two',
 * b'three', (4,)]}. A container that contains itself is shown as {@code [...]}, as Python does.
 */
final class PyRepr {
  private final StringBuilder sb = new StringBuilder();
  private final Map<Object, Boolean> open = new IdentityHashMap<>();

  private PyRepr() {}

  /** {@code repr(value)}. */
  static String of(Object value) {
    PyRepr r = new PyRepr();
    r.append(value);
    return r.sb.toString();
  }

  private void append(Object v) {
    if (v == null) {
      sb.append("None");
    } else if (v instanceof Boolean b) {
      sb.append(b ? "True" : "False");
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      sb.append(PyText.floating(((Number) v).doubleValue()));
    } else if (v instanceof String s) {
      sb.append(PyText.str(s));
    } else if (v instanceof ByteString b) {
      sb.append(PyText.bytes(b.toByteArray()));
    } else if (v instanceof byte[] b) {
      sb.append(PyText.bytes(b));
    } else if (v instanceof BigDecimal d) {
      sb.append("Decimal(").append(PyText.str(d.toString())).append(')');
    } else if (v instanceof LocalDateTime t) {
      sb.append("datetime.datetime(").append(t.getYear()).append(", ").append(t.getMonthValue())
          .append(", ").append(t.getDayOfMonth()).append(", ");
      time(t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
      sb.append(')');
    } else if (v instanceof LocalDate d) {
      sb.append("datetime.date(").append(d.getYear()).append(", ").append(d.getMonthValue())
          .append(", ").append(d.getDayOfMonth()).append(')');
    } else if (v instanceof LocalTime t) {
      sb.append("datetime.time(");
      time(t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
      sb.append(')');
    } else if (v instanceof Duration d) {
      timedelta(d);
    } else if (v instanceof Unpersistable u) {
      sb.append("Unpersistable(").append(PyText.str(u.reason())).append(')');
    } else if (v instanceof RemoteReference r) {
      sb.append("<RemoteReference ").append(r.luid() instanceof byte[] b ? PyText.bytes(b) : r.luid()).append('>');
    } else if (v instanceof RemotePbException e) {
      sb.append(e.typeName()).append('(').append(PyText.str(e.value())).append(')');
    } else if (v instanceof Tuple t) {
      container(t, "(", ")", () -> {
        items(t.iterator());
        if (t.size() == 1) {
          sb.append(',');
        }
      });
    } else if (v instanceof List<?> l) {
      container(l, "[", "]", () -> items(l.iterator()));
    } else if (v instanceof FrozenSet<?> s) {
      container(s, "frozenset(", ")", () -> {
        if (!s.isEmpty()) {
          sb.append('{');
          items(s.iterator());
          sb.append('}');
        }
      });
    } else if (v instanceof Set<?> s) {
      if (s.isEmpty()) {
        sb.append("set()");
      } else {
        container(s, "{", "}", () -> items(s.iterator()));
      }
    } else if (v instanceof Map<?, ?> m) {
      container(m, "{", "}", () -> {
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          append(e.getKey());
          sb.append(": ");
          append(e.getValue());
        }
      });
    } else if (v instanceof Collection<?> c) {
      container(c, "[", "]", () -> items(c.iterator()));
    } else {
      sb.append('<').append(v.getClass().getName()).append(' ').append(v).append('>');
    }
  }

  private void container(Object c, String start, String end, Runnable body) {
    if (open.containsKey(c)) {
      sb.append(start).append("...").append(end);
      return;
    }
    open.put(c, Boolean.TRUE);
    sb.append(start);
    body.run();
    sb.append(end);
    open.remove(c);
  }

  private void items(Iterator<?> it) {
    boolean first = true;
    while (it.hasNext()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      append(it.next());
    }
  }

  /** {@code h, m[, s[, us]]}: Python leaves out trailing zero seconds and microseconds. */
  private void time(int h, int m, int s, int us) {
    sb.append(h).append(", ").append(m);
    if (s != 0 || us != 0) {
      sb.append(", ").append(s);
    }
    if (us != 0) {
      sb.append(", ").append(us);
    }
  }

  /** {@code datetime.timedelta(days=1, seconds=2, microseconds=3)}, zeros left out. */
  private void timedelta(Duration d) {
    long micros = Math.floorDiv(d.getNano(), 1000) + d.getSeconds() * 1_000_000L;
    long days = Math.floorDiv(micros, 86_400_000_000L);
    long rest = Math.floorMod(micros, 86_400_000_000L);
    long seconds = rest / 1_000_000L;
    long us = rest % 1_000_000L;
    sb.append("datetime.timedelta(");
    String sep = "";
    if (days != 0) {
      sb.append("days=").append(days);
      sep = ", ";
    }
    if (seconds != 0) {
      sb.append(sep).append("seconds=").append(seconds);
      sep = ", ";
    }
    if (us != 0) {
      sb.append(sep).append("microseconds=").append(us);
      sep = ", ";
    }
    if (sep.isEmpty()) {
      sb.append('0');
    }
    sb.append(')');
  }
}
