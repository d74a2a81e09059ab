package dev.spindle.pb.broker;

import dev.spindle.pb.banana.BananaException;
import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.InsecureJellyException;
import dev.spindle.pb.jelly.JellyAttributeException;
import dev.spindle.pb.jelly.JellyKeyException;
import dev.spindle.pb.jelly.JellyOverflowException;
import dev.spindle.pb.jelly.MalformedJellyException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Twisted's {@code CopyableFailure} both ways: the state a Java exception is sent as, with every
 * key Twisted sends and in Twisted's order, and the {@link RemotePbException} a received one
 * becomes.
 */
public final class Failures {
  static final String EXCEPTION = "builtins.Exception";
  static final String BASE_EXCEPTION = "builtins.BaseException";
  static final String OBJECT = "builtins.object";
  static final String TRACEBACK_UNAVAILABLE = "Traceback unavailable\n";
  /** Longest value or traceback text sent, in chars; longer ones are cut (Banana refuses 640 KiB). */
  static final int MAX_TEXT = 64 * 1024;

  /**
   * Python equivalents of common Java exceptions, with their Python ancestors below {@code
   * Exception}, so that {@code Failure.trap(ValueError)} and the like work on the Python side.
   */
  private static final Map<Class<?>, List<String>> PYTHON_EQUIVALENTS = new LinkedHashMap<>();

  static {
    PYTHON_EQUIVALENTS.put(IllegalArgumentException.class, List.of("builtins.ValueError"));
    PYTHON_EQUIVALENTS.put(ArithmeticException.class,
        List.of("builtins.ZeroDivisionError", "builtins.ArithmeticError"));
    PYTHON_EQUIVALENTS.put(IllegalStateException.class, List.of("builtins.RuntimeError"));
    PYTHON_EQUIVALENTS.put(UnsupportedOperationException.class,
        List.of("builtins.NotImplementedError", "builtins.RuntimeError"));
    PYTHON_EQUIVALENTS.put(IndexOutOfBoundsException.class,
        List.of("builtins.IndexError", "builtins.LookupError"));
    PYTHON_EQUIVALENTS.put(NoSuchElementException.class,
        List.of("builtins.KeyError", "builtins.LookupError"));
    PYTHON_EQUIVALENTS.put(ClassCastException.class, List.of("builtins.TypeError"));
    PYTHON_EQUIVALENTS.put(NullPointerException.class, List.of("builtins.TypeError"));
    PYTHON_EQUIVALENTS.put(PbArgumentException.class, List.of("builtins.TypeError"));
    PYTHON_EQUIVALENTS.put(InsecureJellyException.class, List.of("twisted.spread.jelly.InsecureJelly"));
    // Twisted's unjelly fails on malformed input with a Python builtin, most often ValueError
    PYTHON_EQUIVALENTS.put(MalformedJellyException.class, List.of("builtins.ValueError"));
    // where Twisted raises KeyError or OverflowError instead (these are not ValueErrors)
    PYTHON_EQUIVALENTS.put(JellyKeyException.class, List.of("builtins.KeyError", "builtins.LookupError"));
    PYTHON_EQUIVALENTS.put(JellyAttributeException.class, List.of("builtins.AttributeError"));
    PYTHON_EQUIVALENTS.put(JellyOverflowException.class,
        List.of("builtins.OverflowError", "builtins.ArithmeticError"));
    PYTHON_EQUIVALENTS.put(java.nio.charset.CharacterCodingException.class,
        List.of("builtins.UnicodeDecodeError", "builtins.UnicodeError"));

    PYTHON_EQUIVALENTS.put(BananaException.class, List.of("twisted.spread.banana.BananaError"));
  }

  private Failures() {}

  /**
   * Describes {@code t} for a Python peer: the broker's own errors and re-thrown remote failures
   * under their Python names, {@link PbError} as {@code twisted.spread.pb.Error}, then the
   * translators, then the Java class hierarchy plus Python equivalents.
   */
  static PythonError describe(Throwable t, List<FailureTranslator> translators) {
    return describe(t, translators, PythonNames.NONE);
  }

  /** As {@link #describe(Throwable, List)}, with the application's names of exception classes. */
  static PythonError describe(Throwable t, List<FailureTranslator> translators, PythonNames names) {
    if (t instanceof TwistedException e) {
      return new PythonError(e.typeName(), e.getMessage(), e.parents());
    }
    if (t instanceof RemotePbException e) {
      List<String> parents = e.parents().isEmpty()
          ? List.of(e.typeName(), EXCEPTION, BASE_EXCEPTION, OBJECT)
          : e.parents();
      return new PythonError(e.typeName(), e.value(), parents);
    }
    for (FailureTranslator translator : translators) {
      PythonError p = translator.translate(t);
      if (p != null) {
        return p;
      }
    }
    String value = t.getMessage() == null ? "" : t.getMessage();
    LinkedHashSet<String> parents = new LinkedHashSet<>();
    if (t instanceof PbError) {
      Class<?> c = t.getClass();
      for (; c != PbError.class; c = c.getSuperclass()) {
        parents.add(c.getName());
      }
      parents.add(PbError.TWISTED_TYPE);
    } else {
      ArrayList<String> python = new ArrayList<>();
      for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        List<String> named = names.of(c);
        if (named != null) {
          parents.addAll(named);
          continue;
        }
        parents.add(c.getName());
        List<String> equivalent = PYTHON_EQUIVALENTS.get(c);
        if (equivalent != null && !(c == MalformedJellyException.class && !python.isEmpty())) {
          // a MalformedJellyException subclass that names its Python builtin is not a ValueError
          python.addAll(equivalent);
        }
      }
      if (t instanceof MalformedJellyException && t.getCause() != null) {
        // what Twisted would have raised: the Python equivalents of the cause come first
        ArrayList<String> cause = new ArrayList<>();
        for (Class<?> c = t.getCause().getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
          List<String> equivalent = PYTHON_EQUIVALENTS.get(c);
          if (equivalent != null) {
            cause.addAll(equivalent);
          }
        }
        python.addAll(0, cause);
      }
      parents.addAll(python);
    }
    parents.add(EXCEPTION);
    parents.add(BASE_EXCEPTION);
    parents.add(OBJECT);
    String type = parents.iterator().next();
    return new PythonError(type, value, new ArrayList<>(parents));
  }

  /**
   * The state of a {@code CopyableFailure} for {@code error}, keys in Twisted's order: count,
   * type (bytes), value, captureVars, frames, stack, tb, parents, unsafeTracebacks, traceback.
   */
  static Map<String, Object> state(PythonError error, long count, boolean unsafeTracebacks, Throwable t) {
    LinkedHashMap<String, Object> state = new LinkedHashMap<>();
    state.put("count", count);
    state.put("type", ByteString.encodeUtf8(text(error.typeName())));
    state.put("value", text(error.value()));
    state.put("captureVars", Boolean.FALSE);
    state.put("frames", new ArrayList<>()); // two distinct lists: Jelly would share one instance
    state.put("stack", new ArrayList<>());
    state.put("tb", null);
    List<String> parents = new ArrayList<>(error.parents().size());
    for (String p : error.parents()) {
      parents.add(text(p));
    }
    state.put("parents", parents);
    state.put("unsafeTracebacks", unsafeTracebacks);
    state.put("traceback", unsafeTracebacks ? text(stackTrace(t)) : TRACEBACK_UNAVAILABLE);
    return state;
  }

  /**
   * Describes {@code t} as the connection jellying it would ({@code invoker} a {@link Broker}:
   * its translators and Python names), else with {@code @PythonName} and the built-in
   * equivalents only. For {@code dev.spindle.pb.CopyableFailure}.
   */
  public static PythonError describe(Throwable t, Object invoker) {
    if (invoker instanceof Broker b) {
      return describe(t, b.config().translators(), b.config().pythonNames());
    }
    return describe(t, List.of(), PythonNames.NONE);
  }

  /**
   * The {@code CopyableFailure} state for a failure described by hand, in Twisted's key order;
   * {@code traceback} null sends {@code "Traceback unavailable\n"}.
   */
  public static Map<String, Object> state(PythonError error, String traceback) {
    Map<String, Object> state = state(error, COUNT.incrementAndGet(), false, null);
    if (traceback != null && !traceback.equals(TRACEBACK_UNAVAILABLE)) {
      state.put("unsafeTracebacks", Boolean.TRUE);
      state.put("traceback", text(traceback));
    }
    return state;
  }

  private static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong();

  /** The failure a received {@code CopyableFailure} state describes. */
  public static RemotePbException fromState(Object stateValue) {
    if (!(stateValue instanceof Map<?, ?> state)) {
      return new RemotePbException(Wire.COPYABLE_FAILURE, dev.spindle.pb.jelly.ValueText.repr(stateValue, dev.spindle.pb.jelly.ValueText.MESSAGE_BUDGET), List.of(), null);
    }
    String type = string(get(state, "type"));
    String value = string(get(state, "value"));
    Object tb = get(state, "traceback");
    List<String> parents = new ArrayList<>();
    if (get(state, "parents") instanceof Iterable<?> ps) {
      // One text per distinct object: a list of references to one large value costs no copies.
      java.util.IdentityHashMap<Object, String> texts = new java.util.IdentityHashMap<>();
      for (Object p : ps) {
        parents.add(p == null ? null : texts.computeIfAbsent(p, Failures::string));
      }
    }
    return new RemotePbException(type == null ? "builtins.Exception" : type, value == null ? "" : value,
        parents, tb == null ? null : string(tb));
  }

  private static Object get(Map<?, ?> state, String key) {
    Object v = state.get(key);
    return v != null ? v : state.get(ByteString.ascii(key));
  }

  private static String string(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof ByteString b) {
      return b.utf8();
    }
    return o instanceof String s ? s : dev.spindle.pb.jelly.ValueText.repr(o, dev.spindle.pb.jelly.ValueText.MESSAGE_BUDGET);
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** {@code s} cut to {@link #MAX_TEXT} chars, lone surrogates replaced (Jelly refuses them). */
  static String text(String s) {
    if (s.length() > MAX_TEXT) {
      s = s.substring(0, MAX_TEXT) + "...";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean lone = Character.isHighSurrogate(c)
          ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
          : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
      if (lone) {
        if (sb == null) {
          sb = new StringBuilder(s);
        }
        sb.setCharAt(i, '\ufffd');
      }
    }
    return sb == null ? s : sb.toString();
  }
}
