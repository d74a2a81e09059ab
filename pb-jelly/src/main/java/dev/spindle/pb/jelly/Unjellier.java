package dev.spindle.pb.jelly;

import static dev.spindle.pb.jelly.JellyAtoms.arity;
import static dev.spindle.pb.jelly.JellyAtoms.bool;
import static dev.spindle.pb.jelly.JellyAtoms.bytes;
import static dev.spindle.pb.jelly.JellyAtoms.date;
import static dev.spindle.pb.jelly.JellyAtoms.datetime;
import static dev.spindle.pb.jelly.JellyAtoms.decimal;
import static dev.spindle.pb.jelly.JellyAtoms.show;
import static dev.spindle.pb.jelly.JellyAtoms.text;
import static dev.spindle.pb.jelly.JellyAtoms.time;
import static dev.spindle.pb.jelly.JellyAtoms.timedelta;
import static dev.spindle.pb.jelly.JellyAtoms.unicode;

import dev.spindle.pb.banana.Sexp;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns one s-expression back into Java values: Twisted's {@code _Unjellier}. Made by {@link
 * JellyRegistry#newUnjellier()}; unjellies a single top-level s-expression. The mapping to Java
 * types is in the package documentation.
 *
 * <p>Every list head is first checked against the registry's {@link SecurityOptions} ({@link
 * InsecureJellyException} if refused), then given to a registered {@link UnjellyHandler} or class,
 * else decoded as a built-in head. Anything else is refused.
 *
 * <p>References: {@code ["reference", n, X]} records X as n, and {@code ["dereference", n]} gives
 * the recorded object, so shared and cyclic structures come back shared and cyclic. A list,
 * tuple, dictionary, set, frozenset or two-phase registered instance is recorded as soon as it is
 * created, before its elements, so cycles through it resolve directly. A dereference met before
 * its reference (which Twisted never emits outside such cycles) leaves a placeholder that is
 * patched into lists, tuples, dictionaries and sets when the reference arrives, like Twisted's
 * {@code NotKnown}.
 *
 * <p>Containers are unjellied with an explicit work stack, so deep nesting costs heap, not Java
 * stack; {@link JellyRegistry#maxDepth()} bounds it.
 *
 * <p>Not thread-safe; use it on one thread, for one s-expression, and drop it.
 */
public final class Unjellier {
  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  /** Stands for a reference whose value is null ({@code None}) in {@link #references}. */
  private static final Object NULL = new Object();

  private final JellyRegistry registry;
  private final SecurityOptions security;
  private final Object invoker;

  /** Reference number to value ({@link #NULL} for null), or to a {@link Pending} placeholder. */
  private HashMap<Long, Object> references; // created by the first reference: most calls have none
  /** Tuples and frozensets being built, with the number of reasons (construction, pending slots). */
  private IdentityHashMap<Object, int[]> unfinished;
  private Set<Object> unfinishedView = java.util.Collections.emptySet();
  /** Tuples and frozensets already checked as keys or set elements, with their depth. */
  private IdentityHashMap<Object, Integer> hashChecked;
  /** Sequence numbers of patches not yet applied. */
  private TreeSet<Long> outstanding;
  private long patchSeq;
  private Binding binding;
  private int depth;
  private int state = NEW;

  Unjellier(JellyRegistry registry, Object invoker) {
    this.registry = registry;
    this.security = registry.security();
    this.invoker = invoker;
  }

  /**
   * {@return the object given to {@link JellyRegistry#newUnjellier(Object)}, or null (Twisted's
   * {@code invoker})}
   */
  public Object invoker() {
    return invoker;
  }

  /** {@return the registry (and so the security options) this unjellier works for} */
  public JellyRegistry registry() {
    return registry;
  }

  /**
   * Unjellies {@code sexp}. Called once from outside for a whole message; an {@link
   * UnjellyHandler} calls it again for sub-expressions, sharing this call's references. A value
   * returned to a handler is complete: if it would still wait for a reference defined later
   * (a cycle back to an object that is built from its state), this throws.
   *
   * @param sexp the s-expression, as received
   * @return the value, complete: possibly {@code null}
   * @throws InsecureJellyException if a type is not allowed or nothing is registered for it
   * @throws MalformedJellyException if the s-expression is malformed
   * @throws IllegalStateException if called from outside a second time
   */
  public Object unjelly(Sexp sexp) {
    if (state == RUNNING) {
      long mark = patchSeq;
      Object v = value(sexp, null);
      if (v instanceof Pending) {
        throw notYetDefined(((Pending) v).id);
      }
      if (waitingSince(mark)) {
        throw new MalformedJellyException("dereference: a value handed to a handler or factory still waits"
            + " for a reference defined later (expected: an object built from its state cannot appear"
            + " inside that state; register it with a blank supplier and state setter, or bindBlank)");
      }
      return v;
    }
    if (state != NEW) {
      throw new IllegalStateException("an Unjellier unjellies one s-expression; make a new one for each message");
    }
    state = RUNNING;
    try {
      Object v = value(sexp, null);
      for (Object r : references == null ? java.util.List.of() : references.values()) {
        if (r instanceof Pending) {
          throw new MalformedJellyException("dereference " + ((Pending) r).id
              + ": reference " + ((Pending) r).id + " is never defined (expected: a reference for every dereference)");
        }
      }
      return v;
    } finally {
      state = DONE;
    }
  }

  /**
   * Declares {@code blank} as the object the calling {@link UnjellyHandler} is building, before
   * the handler unjellies its state. If the list being handled is the value of {@code
   * ["reference", n, ...]}, dereferences of n inside the state then give {@code blank}, so the
   * state can refer back to it (Twisted gets this from creating instances before setting their
   * {@code __dict__}). The handler must return {@code blank}.
   *
   * @param blank the object being built, still without its state
   * @throws IllegalStateException if not called from a handler, or called twice
   */
  public void bindBlank(Object blank) {
    Binding b = binding;
    if (b == null) {
      throw new IllegalStateException("bindBlank: called outside UnjellyHandler.unjelly");
    }
    if (b.bound != null) {
      throw new IllegalStateException("bindBlank: called twice by one handler");
    }
    b.bound = java.util.Objects.requireNonNull(blank, "blank");
    if (b.reference != null) {
      define(b.reference, blank);
    }
  }

  /**
   * Unjellies one s-expression depth-first with an explicit stack of open containers, so deep
   * structures cost heap, not Java stack; only {@link UnjellyHandler}s re-enter.
   */
  private Object value(Sexp sexp, Long reference) {
    int savedDepth = depth;
    try {
      Object started = start(sexp, reference);
      if (!(started instanceof Frame)) {
        return started;
      }
      // The open container is top; its parents wait on the stack, made only for nested ones
      // (a flat tuple of atoms, the usual arguments, needs none).
      Frame top = (Frame) started;
      ArrayDeque<Frame> parents = null;
      while (true) {
        if (top.hasNext()) {
          Object child = start(top.next(), top.childReference());
          if (child instanceof Frame) {
            if (parents == null) {
              parents = new ArrayDeque<>(4);
            }
            parents.push(top);
            top = (Frame) child;
          } else {
            top.accept(child);
          }
          continue;
        }
        depth--;
        Object done = top.finish();
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
      throw new MalformedJellyException("nesting depth: more than " + registry.maxDepth()
          + " levels (expected: at most JellyRegistry.maxDepth())");
    }
    depth++;
  }

  /**
   * Shared boxes for the integers Banana shares (-128..1023): Java's own cache stops at 127, and
   * a list of them would otherwise take five times the heap its decoded form does.
   */
  private static final Long[] LONGS = new Long[1024 + 128];

  static {
    for (int i = 0; i < LONGS.length; i++) {
      LONGS[i] = (long) (i - 128);
    }
  }

  private static Object atom(Sexp sexp) {
    if (sexp instanceof Sexp.Int) {
      long v = ((Sexp.Int) sexp).value();
      return v >= -128 && v < 1024 ? LONGS[(int) v + 128] : Long.valueOf(v);
    }
    if (sexp instanceof Sexp.Bytes) {
      return new ByteString(((Sexp.Bytes) sexp).value());
    }
    if (sexp instanceof Sexp.Float) {
      return ((Sexp.Float) sexp).value();
    }
    if (sexp instanceof Sexp.BigInt) {
      return ((Sexp.BigInt) sexp).value();
    }
    throw new MalformedJellyException("s-expression: " + show(sexp) + " (expected: an integer, float, byte string or list)");
  }

  /**
   * Returns the value of an atom or of a list that needs no children, or a {@link Frame} for a
   * container to fill. The list's head is checked against the security options first.
   *
   * @param reference the number to record the value under, when it is {@code ["reference", n, X]}'s X
   */
  private Object start(Sexp sexp, Long reference) {
    if (!(sexp instanceof Sexp.SList)) {
      return atom(sexp);
    }
    Sexp.SList l = (Sexp.SList) sexp;
    if (l.size() == 0) {
      throw new MalformedJellyException("list: empty (expected: a head naming the type, such as \"list\")");
    }
    if (!(l.get(0) instanceof Sexp.Bytes)) {
      throw new MalformedJellyException("head: " + show(l.get(0)) + " (expected: a byte string naming the type)");
    }
    byte[] headBytes = ((Sexp.Bytes) l.get(0)).value();
    String head = headText(headBytes);
    if (!security.isTypeAllowed(head)) {
      throw new InsecureJellyException(head, PythonText.head(headBytes)
          + ": type not allowed (expected: a type allowed by the SecurityOptions; classes need"
          + " JellyRegistry.Builder.register)");
    }
    InstanceType<?> instanceType = registry.instanceType(head);
    if (instanceType != null) {
      if (l.size() != 2) {
        throw new MalformedJellyException(head + ": " + l.size() + " elements (expected: 2, the class name and the state)");
      }
      return new InstanceFrame(instanceType, l, l.get(1), reference);
    }
    UnjellyHandler handler = registry.handler(head);
    if (handler != null) {
      return handle(handler, l, reference);
    }
    switch (head) {
      case Heads.NONE:
        arity(l, 1);
        return null;
      case Heads.BOOLEAN:
        return bool(l);
      case Heads.UNICODE:
        return unicode(l);
      case Heads.DECIMAL:
        return decimal(l);
      case Heads.DATETIME:
        return datetime(l);
      case Heads.DATE:
        return date(l);
      case Heads.TIME:
        return time(l);
      case Heads.TIMEDELTA:
        return timedelta(l);
      case Heads.LIST:
        return new ListFrame(l, reference);
      case Heads.TUPLE:
        return new TupleFrame(l, reference);
      case Heads.SET:
        return new SetFrame(l, reference);
      case Heads.FROZENSET:
        return new FrozenSetFrame(l, reference);
      case Heads.DICTIONARY:
        return new DictionaryFrame(l, reference);
      case Heads.REFERENCE:
        return new ReferenceFrame(l);
      case Heads.DEREFERENCE:
        return dereference(l);
      case Heads.UNPERSISTABLE:
        arity(l, 2);
        return new Unpersistable("Unpersistable data: " + PythonText.bytesRepr(bytes(l, 1)));
      case Heads.PERSISTENT:
        arity(l, 2);
        return new Unpersistable("Persistent callback not found");
      case Heads.CLASS:
        return pyClass(l);
      case Heads.INSTANCE:
        return instance(l, reference);
      case Heads.MODULE:
      case Heads.FUNCTION:
      case Heads.METHOD:
        throw new InsecureJellyException(head, head
            + ": cannot be unjellied (expected: plain data; Java does not load Python modules, functions or methods)");
      default:
        throw new InsecureJellyException(head, head
            + ": nothing handles this type (expected: a built-in head, or a class or handler registered with JellyRegistry.Builder)");
    }
  }

  /** The built-in heads, the ones most lists have: their text without a new String per list. */
  private static final String[] KNOWN_HEADS = {
    Heads.TUPLE, Heads.DICTIONARY, Heads.LIST, Heads.UNICODE, Heads.NONE, Heads.BOOLEAN,
    Heads.REFERENCE, Heads.DEREFERENCE, Heads.SET, Heads.FROZENSET, Heads.DECIMAL,
    Heads.DATETIME, Heads.DATE, Heads.TIME, Heads.TIMEDELTA, Heads.INSTANCE, Heads.CLASS,
  };

  private static final byte[][] KNOWN_HEAD_BYTES = new byte[KNOWN_HEADS.length][];

  static {
    for (int i = 0; i < KNOWN_HEADS.length; i++) {
      KNOWN_HEAD_BYTES[i] = KNOWN_HEADS[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** The head as text: ASCII directly, else strict UTF-8 (a head that is neither is refused). */
  private static String headText(byte[] bytes) {
    for (int i = 0; i < KNOWN_HEAD_BYTES.length; i++) {
      byte[] known = KNOWN_HEAD_BYTES[i];
      if (known.length == bytes.length && java.util.Arrays.equals(known, bytes)) {
        return KNOWN_HEADS[i];
      }
    }
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      String shown = PythonText.bytesRepr(bytes);
      throw new InsecureJellyException(shown, shown + ": type not allowed (expected: a type allowed by the SecurityOptions)");
    }
  }

  // ---- handlers and instances

  private Object handle(UnjellyHandler handler, Sexp.SList l, Long reference) {
    Binding saved = binding;
    Binding b = new Binding(reference);
    binding = b;
    enter();
    Object v;
    try {
      v = handler.unjelly(l, this);
    } finally {
      depth--;
      binding = saved;
    }
    if (b.bound != null && b.bound != v) {
      throw new IllegalStateException("handler for " + PythonText.head(((Sexp.Bytes) l.get(0)).value())
          + " bound one blank object and returned another");
    }
    return v;
  }

  private Object pyClass(Sexp.SList l) {
    arity(l, 2);
    String name = text(l, 1, "class name");
    if (!security.isTypeAllowed(name)) {
      throw new InsecureJellyException(name, "class " + name + ": not allowed (expected: a class the SecurityOptions allow)");
    }
    InstanceType<?> t = registry.instanceType(name);
    if (t == null) {
      throw new InsecureJellyException(name, "class " + name + ": no Java class is registered for it"
          + " (expected: a class registered with JellyRegistry.Builder.register)");
    }
    return t.type;
  }

  /** Twisted's deprecated {@code ["instance", ["class", name], state]}. */
  private Object instance(Sexp.SList l, Long reference) {
    arity(l, 3);
    Object c = value(l.get(1), null);
    InstanceType<?> t = c instanceof Class ? registry.instanceType((Class<?>) c) : null;
    if (t == null) {
      throw new MalformedJellyException("instance class: " + InstanceType.describe(c) + " (expected: [\"class\", registered name])");
    }
    return new InstanceFrame(t, l, l.get(2), reference);
  }

  // ---- references

  /** What reference {@code id} holds so far, or null. */
  private Object reference(long id) {
    return references == null ? null : references.get(id);
  }

  private HashMap<Long, Object> references() {
    if (references == null) {
      references = new HashMap<>();
    }
    return references;
  }

  private Object dereference(Sexp.SList l) {
    arity(l, 2);
    long id = refNumber(l);
    Object v = reference(id);
    if (v == null) {
      Pending p = new Pending(id);
      references().put(id, p);
      return p;
    }
    return v == NULL ? null : v;
  }

  /** Records a new object as reference {@code id} as soon as it is created, before its contents. */
  private void define(Long id, Object shell) {
    if (id == null) {
      return;
    }
    Object now = reference(id);
    if (now != null && !(now instanceof Pending)) {
      throw duplicate(id);
    }
    references().put(id, shell);
    if (now != null) {
      ((Pending) now).resolve(shell);
    }
  }

  private static long refNumber(Sexp.SList l) {
    if (!(l.get(1) instanceof Sexp.Int)) {
      throw new MalformedJellyException(PythonText.head(((Sexp.Bytes) l.get(0)).value()) + " number: " + l.get(1)
          + " (expected: an integer)");
    }
    return ((Sexp.Int) l.get(1)).value();
  }

  private static MalformedJellyException duplicate(long id) {
    return new MalformedJellyException("reference " + id + ": defined twice (expected: each number once; Twisted: AssertionError: Multiple references with same ID!)");
  }

  private static MalformedJellyException notYetDefined(long id) {
    return new MalformedJellyException("dereference " + id + ": not defined yet where a complete value is needed"
        + " (expected: forward references only inside lists, tuples, dictionaries and sets)");
  }

  /** Registers {@code patch} to run when {@code p} is defined. */
  private void patch(Pending p, Consumer<Object> patch) {
    long seq = patchSeq++;
    if (outstanding == null) {
      outstanding = new TreeSet<>();
    }
    outstanding.add(seq);
    p.add(v -> {
      outstanding.remove(seq);
      patch.accept(v);
    });
  }

  /** Whether a patch registered at or after {@code mark} has not run yet. */
  private boolean waitingSince(long mark) {
    return outstanding != null && outstanding.ceiling(mark) != null;
  }

  /** Python's hashability rule for a key or set element ({@link Hashing}). */
  private void checkKey(Object key, String where) {
    if (key instanceof Tuple || key instanceof FrozenSet || key instanceof java.util.Collection
        || key instanceof java.util.Map) {
      if (hashChecked == null) {
        hashChecked = new IdentityHashMap<>();
      }
      Hashing.check(key, where, unfinishedView, hashChecked);
    }
  }

  private void startBuilding(Object o) {
    if (unfinished == null) {
      unfinished = new IdentityHashMap<>(4);
      unfinishedView = unfinished.keySet();
    }
    int[] count = unfinished.get(o);
    if (count == null) {
      unfinished.put(o, new int[] {1});
    } else {
      count[0]++;
    }
  }

  private void doneBuilding(Object o) {
    int[] count = unfinished.get(o);
    if (--count[0] == 0) {
      unfinished.remove(o);
    }
  }

  // ---- open containers

  /** A list being unjellied: its children still to go, and where each child's value goes. */
  private abstract class Frame {
    final Sexp.SList list;
    int next = 1;

    Frame(Sexp.SList list) {
      enter();
      this.list = list;
    }

    boolean hasNext() {
      return next < list.size();
    }

    Sexp next() {
      return list.get(next++);
    }

    /** The reference number the next child is the value of, if any. */
    Long childReference() {
      return null;
    }

    /** Takes the value of the child just unjellied (possibly a {@link Pending}). */
    abstract void accept(Object value);

    abstract Object finish();
  }

  private final class ListFrame extends Frame {
    private final ArrayList<Object> out;

    ListFrame(Sexp.SList list, Long reference) {
      super(list);
      out = new ArrayList<>(list.size() - 1);
      define(reference, out);
    }

    @Override
    void accept(Object v) {
      if (v instanceof Pending) {
        int slot = out.size();
        out.add(null);
        patch((Pending) v, x -> out.set(slot, x));
      } else {
        out.add(v);
      }
    }

    @Override
    Object finish() {
      return out;
    }
  }

  private final class TupleFrame extends Frame {
    private final Tuple out;
    private int slot;

    /** Whether {@link #out} is in {@code unfinished} for its construction. */
    private final boolean tracked;

    TupleFrame(Sexp.SList list, Long reference) {
      super(list);
      out = list.size() == 1 ? Tuple.of() : new Tuple(new Object[list.size() - 1]);
      define(reference, out);
      // Only a reference can hand the tuple out before it is finished (a dereference inside
      // it): without one, nothing can see it unfinished, and it need not be tracked.
      tracked = reference != null;
      if (tracked) {
        startBuilding(out);
      }
    }

    @Override
    void accept(Object v) {
      int i = slot++;
      if (v instanceof Pending) {
        startBuilding(out);
        patch((Pending) v, x -> {
          out.set(i, x);
          doneBuilding(out);
        });
      } else {
        out.set(i, v);
      }
    }

    @Override
    Object finish() {
      if (tracked) {
        doneBuilding(out);
      }
      return out;
    }
  }

  private final class SetFrame extends Frame {
    private final LinkedHashSet<Object> out = new LinkedHashSet<>();

    SetFrame(Sexp.SList list, Long reference) {
      super(list);
      define(reference, out);
    }

    @Override
    void accept(Object v) {
      if (v instanceof Pending) {
        patch((Pending) v, x -> {
          checkKey(x, "set element");
          out.add(x);
        });
      } else {
        checkKey(v, "set element");
        out.add(v);
      }
    }

    @Override
    Object finish() {
      return out;
    }
  }

  private final class FrozenSetFrame extends Frame {
    private final FrozenSet<Object> out = new FrozenSet<>(new LinkedHashSet<>());

    FrozenSetFrame(Sexp.SList list, Long reference) {
      super(list);
      define(reference, out);
      startBuilding(out);
    }

    @Override
    void accept(Object v) {
      if (v instanceof Pending) {
        startBuilding(out);
        patch((Pending) v, x -> {
          checkKey(x, "frozenset element");
          out.addInternal(x);
          doneBuilding(out);
        });
      } else {
        checkKey(v, "frozenset element");
        out.addInternal(v);
      }
    }

    @Override
    Object finish() {
      doneBuilding(out);
      return out;
    }
  }

  /** A dictionary: its children are {@code [key, value]} pairs; each key, then its value, is a value. */
  private final class DictionaryFrame extends Frame {
    private final LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
    private boolean atValue;
    private Object key;

    DictionaryFrame(Sexp.SList list, Long reference) {
      super(list);
      define(reference, out);
    }

    @Override
    Sexp next() {
      Sexp item = list.get(next);
      if (!(item instanceof Sexp.SList) || ((Sexp.SList) item).size() != 2) {
        throw new MalformedJellyException("dictionary item " + next + ": " + show(item) + " (expected: a [key, value] list)");
      }
      return ((Sexp.SList) item).get(atValue ? 1 : 0);
    }

    @Override
    void accept(Object v) {
      if (!atValue) {
        key = v;
        atValue = true;
        return;
      }
      atValue = false;
      next++;
      Object k = key;
      key = null;
      if (!(k instanceof Pending) && !(v instanceof Pending)) {
        checkKey(k, "dictionary key");
        out.put(k, v);
        return;
      }
      // Twisted's _DictKeyAndValue: insert once both are known.
      Object[] kv = {k, v};
      for (int j = 0; j < 2; j++) {
        if (kv[j] instanceof Pending) {
          int slot = j;
          patch((Pending) kv[j], x -> {
            kv[slot] = x;
            if (!(kv[0] instanceof Pending) && !(kv[1] instanceof Pending)) {
              checkKey(kv[0], "dictionary key");
              out.put(kv[0], kv[1]);
            }
          });
        }
      }
    }

    @Override
    Object finish() {
      return out;
    }
  }

  /** {@code ["reference", n, X]}: X is recorded as n, as early as X allows. */
  private final class ReferenceFrame extends Frame {
    private final long id;
    private final Pending waiting;
    private Object value;

    ReferenceFrame(Sexp.SList list) {
      super(list);
      arity(list, 3);
      id = refNumber(list);
      Object prior = reference(id);
      if (prior != null && !(prior instanceof Pending)) {
        throw duplicate(id);
      }
      waiting = (Pending) references().remove(id);
      next = 2;
    }

    @Override
    Long childReference() {
      return id;
    }

    @Override
    void accept(Object v) {
      value = v;
    }

    @Override
    Object finish() {
      Object v = value;
      if (v instanceof Pending) {
        throw new MalformedJellyException("reference " + id + ": its value is dereference " + ((Pending) v).id
            + ", not yet defined (expected: a value)");
      }
      Object stored = v == null ? NULL : v;
      Object now = reference(id);
      if (now == null || now instanceof Pending) {
        references().put(id, stored);
        if (now != null) {
          ((Pending) now).resolve(v);
        }
      } else if (now != stored) {
        throw duplicate(id);
      }
      if (waiting != null) {
        waiting.resolve(v);
      }
      return v;
    }
  }

  /**
   * A registered instance: its state, then the instance made from it. A two-phase type makes its
   * blank first and records it as the reference, so the state may refer back to it.
   */
  private final class InstanceFrame extends Frame {
    private final InstanceType<?> type;
    private final Sexp stateSexp;
    private final Object blank;
    private final long mark = patchSeq;
    private boolean taken;
    private Object state;

    InstanceFrame(InstanceType<?> type, Sexp.SList list, Sexp stateSexp, Long reference) {
      super(list);
      this.type = type;
      this.stateSexp = stateSexp;
      this.blank = type.twoPhase() ? type.newBlank() : null;
      if (blank != null) {
        define(reference, blank);
      }
    }

    @Override
    boolean hasNext() {
      return !taken;
    }

    @Override
    Sexp next() {
      taken = true;
      return stateSexp;
    }

    @Override
    void accept(Object v) {
      state = v;
    }

    @Override
    Object finish() {
      if (state instanceof Pending || waitingSince(mark)) {
        throw new MalformedJellyException(type.name + " state: refers to a reference defined later"
            + " (expected: complete state; an instance made by a factory cannot appear inside its own"
            + " state: register it with a blank supplier and state setter to allow such cycles)");
      }
      return blank != null ? type.setState(blank, state, invoker != null) : type.build(state, invoker != null);
    }
  }

  /** The handler call in progress, and the reference number its object will be recorded under. */
  private static final class Binding {
    final Long reference;
    Object bound;

    Binding(Long reference) {
      this.reference = reference;
    }
  }
}
