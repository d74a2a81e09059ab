package dev.spindle.pb.jelly;

import static dev.spindle.pb.jelly.Heads.DATETIME_ATOM;
import static dev.spindle.pb.jelly.Heads.DATE_ATOM;
import static dev.spindle.pb.jelly.Heads.DECIMAL_ATOM;
import static dev.spindle.pb.jelly.Heads.DEREFERENCE_ATOM;
import static dev.spindle.pb.jelly.Heads.DICTIONARY_ATOM;
import static dev.spindle.pb.jelly.Heads.FROZENSET_ATOM;
import static dev.spindle.pb.jelly.Heads.LIST_ATOM;
import static dev.spindle.pb.jelly.Heads.REFERENCE_ATOM;
import static dev.spindle.pb.jelly.Heads.SET_ATOM;
import static dev.spindle.pb.jelly.Heads.TIMEDELTA_ATOM;
import static dev.spindle.pb.jelly.Heads.TIME_ATOM;
import static dev.spindle.pb.jelly.Heads.TUPLE_ATOM;
import static dev.spindle.pb.jelly.Heads.UNICODE_ATOM;
import static dev.spindle.pb.jelly.Heads.UNPERSISTABLE_ATOM;

import dev.spindle.pb.banana.Sexp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one Java value graph into one s-expression: Twisted's {@code _Jellier}. Made by {@link
 * JellyRegistry#newJellier()}; serializes a single top-level value, so reference numbers start at
 * 1 for each message, as in Twisted. The mapping from Java types is in the package
 * documentation.
 *
 * <p>Identity: lists, tuples, maps, sets, frozensets, registered instances and {@link
 * Jellyable}s that track identity are remembered by identity ({@code ==}). The second time one is
 * reached, it takes the next reference number and its first output is rewritten in place to
 * {@code ["reference", n, ...]}; that and every later occurrence is {@code ["dereference", n]}.
 * Strings, numbers, byte strings, times and decimals are written again at each occurrence.
 *
 * <p>Containers are walked with an explicit work stack, so deep nesting costs heap, not Java
 * stack; {@link JellyRegistry#maxDepth()} bounds it.
 *
 * <p>Not thread-safe; use it on one thread, for one value, and drop it.
 */
public final class Jellier {
  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  /** Banana carries integers up to 2**448 - 1 in magnitude. */
  static final int MAX_INTEGER_BITS = 448;
  /** Python's {@code timedelta.max.days}. */
  static final long MAX_DELTA_DAYS = 999_999_999L;

  private final JellyRegistry registry;
  private final SecurityOptions security;
  private final Object invoker;
  /** Containers and instances seen so far; made at the first one (most messages have few). */
  private IdentityHashMap<Object, Preserved> preserved;
  private long nextReference = 1;
  /** Open containers, instances and Jellyables, across re-entrant calls. */
  private int depth;
  private int state = NEW;

  Jellier(JellyRegistry registry, Object invoker) {
    this.registry = registry;
    this.security = registry.security();
    this.invoker = invoker;
  }

  /**
   * {@return the object given to {@link JellyRegistry#newJellier(Object)}, or null (Twisted's
   * {@code invoker})}
   */
  public Object invoker() {
    return invoker;
  }

  /** {@return the registry (and so the security options) this jellier works for} */
  public JellyRegistry registry() {
    return registry;
  }

  /**
   * Jellies {@code value}. Called once from outside for the message's value; a {@link
   * Jellyable} calls it again for its children, which share this call's reference numbering.
   *
   * @param value the value to jelly: {@code null}, a jelly value type, a registered class or a
   *     {@link Jellyable}
   * @return the value's s-expression
   * @throws JellyException if something in the value has no Jelly mapping or cannot be sent
   * @throws IllegalStateException if called from outside a second time
   */
  public Sexp jelly(Object value) {
    if (state == RUNNING) {
      return run(value);
    }
    if (state != NEW) {
      throw new IllegalStateException("a Jellier jellies one value; make a new one for each message");
    }
    state = RUNNING;
    try {
      return run(value);
    } finally {
      state = DONE;
    }
  }

  private Preserved preservedOf(Object o) {
    return preserved == null ? null : preserved.get(o);
  }

  /**
   * Jellies one value depth-first with an explicit stack of open containers, so deep structures
   * cost heap, not Java stack; only {@link Jellyable#jellyFor} re-enters.
   */
  private Sexp run(Object value) {
    int savedDepth = depth;
    try {
      Object started = start(value);
      if (started instanceof Sexp) {
        return (Sexp) started;
      }
      // The open container is top; its parents wait on the stack, made only for nested ones.
      Frame top = (Frame) started;
      ArrayDeque<Frame> parents = null;
      while (true) {
        if (top.hasNext()) {
          Object child = start(top.next());
          if (child instanceof Frame) {
            if (parents == null) {
              parents = new ArrayDeque<>(4);
            }
            parents.push(top);
            top = (Frame) child;
          } else {
            top.accept((Sexp) child);
          }
          continue;
        }
        depth--;
        Sexp done = top.finish();
        if (parents == null || parents.isEmpty()) {
          return done;
        }
        top = parents.pop();
        top.accept(done);
      }
    } finally {
      depth = savedDepth;
    }
  }

  /** Enters one nesting level; the caller undoes it with {@code depth--}. */
  private void enter() {
    if (depth >= registry.maxDepth()) {
      throw new JellyException("nesting depth: more than " + registry.maxDepth()
          + " levels (expected: at most JellyRegistry.maxDepth(); Twisted itself fails near 330)");
    }
    depth++;
  }

  /** Returns the s-expression of an atom, or a {@link Frame} for a container to fill. */
  private Object start(Object o) {
    if (o == null) {
      return Heads.NONE_SEXP;
    }
    if (o instanceof Jellyable) {
      return jellyable((Jellyable) o);
    }
    InstanceType<?> registered = registry.instanceType(o.getClass());
    if (registered != null && registered.sends()) {
      return instance(registered, o);
    }
    if (o instanceof String) {
      return Sexp.list(UNICODE_ATOM, new Sexp.Bytes(utf8((String) o, "str")));
    }
    if (o instanceof Boolean) {
      return (Boolean) o ? Heads.TRUE_SEXP : Heads.FALSE_SEXP;
    }
    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return Sexp.integer(((Number) o).longValue());
    }
    if (o instanceof BigInteger) {
      return integer((BigInteger) o, "int");
    }
    if (o instanceof Double || o instanceof Float) {
      return Sexp.floating(((Number) o).doubleValue());
    }
    if (o instanceof byte[]) {
      return Sexp.bytes((byte[]) o);
    }
    if (o instanceof ByteString) {
      return new Sexp.Bytes(((ByteString) o).internalArray());
    }
    if (o instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) o;
      return Sexp.list(DECIMAL_ATOM, integer(d.unscaledValue(), "decimal coefficient"), Sexp.integer(-(long) d.scale()));
    }
    if (o instanceof LocalDateTime) {
      LocalDateTime t = (LocalDateTime) o;
      checkYear(t.getYear(), "datetime", t);
      return timeText(DATETIME_ATOM, t.getYear() + " " + t.getMonthValue() + " " + t.getDayOfMonth() + " "
          + t.getHour() + " " + t.getMinute() + " " + t.getSecond() + " " + micros(t.getNano(), "datetime", t));
    }
    if (o instanceof LocalDate) {
      LocalDate d = (LocalDate) o;
      checkYear(d.getYear(), "date", d);
      return timeText(DATE_ATOM, d.getYear() + " " + d.getMonthValue() + " " + d.getDayOfMonth());
    }
    if (o instanceof LocalTime) {
      LocalTime t = (LocalTime) o;
      return timeText(TIME_ATOM, t.getHour() + " " + t.getMinute() + " " + t.getSecond() + " " + micros(t.getNano(), "time", t));
    }
    if (o instanceof Duration) {
      return timedelta((Duration) o);
    }
    if (o instanceof OffsetDateTime || o instanceof ZonedDateTime || o instanceof OffsetTime) {
      throw new JellyException(o.getClass().getSimpleName() + ": " + o
          + " (expected: a naive LocalDateTime or LocalTime; Twisted: NotImplementedError: Currently can't jelly datetime objects with tzinfo)");
    }
    if (o instanceof Unpersistable) {
      return Sexp.list(UNPERSISTABLE_ATOM, new Sexp.Bytes(utf8(((Unpersistable) o).reason(), "unpersistable reason")));
    }
    if (o instanceof Tuple) {
      return container(o, TUPLE_ATOM, ((Tuple) o).asList(), false);
    }
    if (o instanceof FrozenSet) {
      return container(o, FROZENSET_ATOM, (FrozenSet<?>) o, true);
    }
    if (o instanceof List) {
      return container(o, LIST_ATOM, (List<?>) o, false);
    }
    if (o instanceof Set) {
      return container(o, SET_ATOM, (Set<?>) o, true);
    }
    if (o instanceof Map) {
      Preserved seen = preservedOf(o);
      if (seen != null) {
        return seen.sighting();
      }
      enter();
      return new DictionaryFrame(track(o), ((Map<?, ?>) o).entrySet().iterator());
    }
    throw new JellyException("value: an instance of " + o.getClass().getName()
        + " (expected: a type with a Jelly mapping, a Jellyable, or a class registered with JellyRegistry.Builder.register)");
  }

  private Preserved track(Object o) {
    Preserved p = new Preserved();
    if (preserved == null) {
      preserved = new IdentityHashMap<>(4);
    }
    preserved.put(o, p);
    return p;
  }

  private Sexp jellyable(Jellyable j) {
    Preserved seen = preservedOf(j);
    if (seen != null) {
      return seen.sighting();
    }
    Preserved p = j.tracksIdentity(this) ? track(j) : null;
    enter();
    Sexp s;
    try {
      s = j.jellyFor(this);
    } finally {
      depth--;
    }
    if (p == null) {
      if (s == null) {
        throw new JellyException("Jellyable " + j.getClass().getName() + ": jellyFor returned null");
      }
      return s;
    }
    if (!(s instanceof Sexp.SList)) {
      throw new JellyException("Jellyable " + j.getClass().getName() + ": jellyFor returned " + s
          + " (expected: a list, since it tracks identity)");
    }
    return p.preserve(((Sexp.SList) s).items());
  }

  private Object instance(InstanceType<?> type, Object o) {
    Preserved seen = preservedOf(o);
    if (seen != null) {
      return seen.sighting();
    }
    Preserved p = track(o);
    if (!security.isTypeAllowed(type.name)) {
      return p.preserve(List.of(UNPERSISTABLE_ATOM, new Sexp.Bytes(
          ("instance of class " + type.name + " deemed insecure").getBytes(StandardCharsets.UTF_8))));
    }
    Object state = type.stateOf(o);
    enter();
    return new ContainerFrame(p, type.nameAtom, java.util.Collections.singletonList(state).iterator(), false);
  }

  private Object container(Object o, Sexp.Bytes head, Iterable<?> items, boolean hashed) {
    Preserved seen = preservedOf(o);
    if (seen != null) {
      return seen.sighting();
    }
    Preserved p = track(o);
    enter();
    return new ContainerFrame(p, head, items.iterator(), hashed);
  }

  /** An open container: the values still to jelly, and the s-expressions of those done. */
  private abstract static class Frame {
    final Preserved preserved;
    final ArrayList<Sexp> content = new ArrayList<>();

    Frame(Preserved preserved, Sexp.Bytes head) {
      this.preserved = preserved;
      content.add(head);
    }

    abstract boolean hasNext();

    abstract Object next();

    abstract void accept(Sexp child);

    Sexp finish() {
      return preserved.preserveOwned(content);
    }
  }

  /** A list, tuple, set, frozenset, or a registered instance (its head and one state value). */
  private static final class ContainerFrame extends Frame {
    private final Iterator<?> items;
    private final boolean hashed;

    ContainerFrame(Preserved preserved, Sexp.Bytes head, Iterator<?> items, boolean hashed) {
      super(preserved, head);
      this.items = items;
      this.hashed = hashed;
    }

    @Override
    boolean hasNext() {
      return items.hasNext();
    }

    @Override
    Object next() {
      Object item = items.next();
      if (hashed) {
        Hashing.check(item, ((Sexp.Bytes) content.get(0)).asLatin1() + " element", null);
      }
      return item;
    }

    @Override
    void accept(Sexp child) {
      content.add(child);
    }
  }

  /** A map: for each entry, the key then the value, written as a {@code [key, value]} pair. */
  private static final class DictionaryFrame extends Frame {
    private final Iterator<? extends Map.Entry<?, ?>> entries;
    private Map.Entry<?, ?> entry;
    private Sexp key;

    DictionaryFrame(Preserved preserved, Iterator<? extends Map.Entry<?, ?>> entries) {
      super(preserved, DICTIONARY_ATOM);
      this.entries = entries;
    }

    @Override
    boolean hasNext() {
      return entry != null || entries.hasNext();
    }

    @Override
    Object next() {
      if (entry == null) {
        entry = entries.next();
        Hashing.check(entry.getKey(), "dictionary key", null);
        return entry.getKey();
      }
      return entry.getValue();
    }

    @Override
    void accept(Sexp child) {
      if (key == null) {
        key = child;
      } else {
        content.add(Sexp.list(key, child));
        key = null;
        entry = null;
      }
    }
  }

  private static Sexp integer(BigInteger v, String what) {
    if (v.bitLength() > MAX_INTEGER_BITS) {
      throw new JellyException(what + ": an integer of " + v.bitLength()
          + " bits (expected: magnitude at most 2**448 - 1, Banana's limit)");
    }
    return Sexp.integer(v);
  }

  private static Sexp timeText(Sexp.Bytes head, String text) {
    return Sexp.list(head, new Sexp.Bytes(text.getBytes(StandardCharsets.US_ASCII)));
  }

  private static void checkYear(int year, String what, Object value) {
    if (year < 1 || year > 9999) {
      throw new JellyException(what + ": " + value + " (expected: year 1 to 9999, Python's range)");
    }
  }

  private static int micros(int nanos, String what, Object value) {
    if (nanos % 1000 != 0) {
      throw new JellyException(what + ": " + value
          + " (expected: whole microseconds, Python's resolution; truncate with truncatedTo(ChronoUnit.MICROS))");
    }
    return nanos / 1000;
  }

  private static Sexp timedelta(Duration d) {
    long seconds = d.getSeconds();
    long days = Math.floorDiv(seconds, 86_400L);
    if (days < -MAX_DELTA_DAYS || days > MAX_DELTA_DAYS) {
      throw new JellyException("timedelta: " + d + " (expected: at most 999999999 days either way, Python's range)");
    }
    return timeText(TIMEDELTA_ATOM, days + " " + Math.floorMod(seconds, 86_400L) + " " + micros(d.getNano(), "timedelta", d));
  }

  /** UTF-8 of {@code s}, refusing lone surrogates as Python's encoder does. */
  static byte[] utf8(String s, String what) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new JellyException(String.format(
            "%s: lone surrogate \\u%04x at position %d (expected: valid UTF-16; Python: UnicodeEncodeError: surrogates not allowed)",
            what, (int) c, s.codePointCount(0, i)));
      }
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The output list of one identity-tracked object, rewritten in place when a second sighting
   * gives it a reference number: Twisted's {@code prepare}, {@code preserve} and {@code _cook}.
   */
  private final class Preserved {
    /** The list {@link #sexp} shows: made at preservation (or at a sighting before it). */
    private ArrayList<Sexp> outer;
    private Sexp.SList sexp;
    private ArrayList<Sexp> inner;
    private Sexp.SList dereference;
    private boolean done;

    Sexp.SList sighting() {
      if (dereference == null) {
        Sexp n = Sexp.integer(nextReference++);
        ArrayList<Sexp> body = done ? new ArrayList<>(outer) : new ArrayList<>();
        if (!done) {
          inner = body;
          showing(new ArrayList<>(3));
        }
        outer.clear();
        outer.add(REFERENCE_ATOM);
        outer.add(n);
        outer.add(new Sexp.SList(Collections.unmodifiableList(body)));
        dereference = Sexp.list(DEREFERENCE_ATOM, n);
      }
      return dereference;
    }

    Sexp.SList preserve(List<Sexp> content) {
      return preserveOwned(new ArrayList<>(content));
    }

    /** {@link #preserve}, keeping {@code content} itself (a frame's, not used after this). */
    Sexp.SList preserveOwned(ArrayList<Sexp> content) {
      if (inner != null) {
        inner.addAll(content);
      } else {
        showing(content);
      }
      done = true;
      return sexp;
    }

    private void showing(ArrayList<Sexp> list) {
      outer = list;
      sexp = new Sexp.SList(Collections.unmodifiableList(list));
    }
  }
}
