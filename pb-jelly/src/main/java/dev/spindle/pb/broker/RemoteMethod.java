package dev.spindle.pb.broker;

import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.KeywordOnly;
import dev.spindle.pb.flavors.Keywords;
import dev.spindle.pb.flavors.VarArgs;
import dev.spindle.pb.jelly.Tuple;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One remotely callable method, prepared once: a spreading {@link MethodHandle} of type {@code
 * (Object target, Object[] args) Object}, a converter per parameter, and the method's Python
 * signature: {@code self}, the perspective of a {@code view_} method, positional-or-keyword
 * parameters (some with a {@link Default}), a {@link VarArgs} tail, {@link KeywordOnly} parameters
 * and a {@link Keywords} map. Arguments bind as CPython 3.11 binds them to the bound method Twisted
 * calls, with CPython's {@code TypeError} texts. Immutable and thread-safe.
 */
final class RemoteMethod {
  /** Marks a Python slot not yet bound, and a parameter without a default. */
  private static final Object UNSET = new Object();

  private final String display;
  /** Declared {@link dev.spindle.transport.Blocking} (the method, or its declaring class). */
  private final boolean blocking;
  /** The reflective invoker, or null for a generated skeleton's method. */
  private final MethodHandle invoker;
  /** The method's number in its generated skeleton, or -1. */
  private final int index;
  private final Conversions.Converter[] converters;
  private final int arity;
  private final int reserved;
  /** Python slots: self, the reserved ones, positional-or-keyword, then keyword-only. */
  private final String[] slotNames;
  /** The Java parameter of each slot (-1 for self). */
  private final int[] slotParameter;
  /** The default of each slot, or UNSET. */
  private final Object[] defaults;
  /** co_argcount: self, reserved and positional-or-keyword slots. */
  private final int argcount;
  /** How many of the positional-or-keyword slots have a default (Python's func_defaults). */
  private final int defcount;
  /** Whether keywords bind by name (the class was compiled with -parameters). */
  private final boolean named;
  /** Set once the server's log has said that this method's parameter names are missing. */
  private volatile boolean warnedNoNames;

  /** Why a keyword cannot bind when parameter names are missing, and the fix. */
  static final String NO_NAMES = "(its class was compiled without javac -parameters, so its"
      + " parameter names are unknown and keywords cannot bind: compile it with -parameters,"
      + " in Maven <maven.compiler.parameters>true</maven.compiler.parameters>, or take a"
      + " @Keywords map)";
  private final int varargs;
  private final String varargsName;
  private final Class<?> varargsType;
  private final Conversions.Converter varargsElement;
  private final int keywords;

  /** One Java parameter as the binding sees it: its Python shape and its {@code @Default} text. */
  record Param(String name, Class<?> type, boolean varArgs, boolean keywordOnly, boolean keywords,
      String defaultText, UnaryOperator<Object> convert) {
    static Param of(Method method, int i) {
      Parameter p = method.getParameters()[i];
      boolean isKeywords = p.isAnnotationPresent(Keywords.class);
      boolean isVarArgs = p.isAnnotationPresent(VarArgs.class)
          || (method.isVarArgs() && i == method.getParameterCount() - 1 && !isKeywords);
      Default d = p.getAnnotation(Default.class);
      return new Param(p.getName(), p.getType(), isVarArgs, p.isAnnotationPresent(KeywordOnly.class),
          isKeywords, d == null ? null : d.value(), null);
    }
  }

  RemoteMethod(Kind kind, String remoteName, Method method, MethodHandle invoker) {
    this(kind, qualifiedName(method.getDeclaringClass()) + "." + kind.prefix() + remoteName,
        MethodTable.describe(method), params(method), named(method), invoker, -1,
        method.isAnnotationPresent(dev.spindle.transport.Blocking.class)
            || method.getDeclaringClass().isAnnotationPresent(dev.spindle.transport.Blocking.class));
  }

  private static Param[] params(Method method) {
    Param[] params = new Param[method.getParameterCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = Param.of(method, i);
    }
    return params;
  }

  private static boolean named(Method method) {
    for (Parameter p : method.getParameters()) {
      if (!p.isNamePresent()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A method called through a generated {@link dev.spindle.pb.flavors.Skeleton}: {@code index} is
   * its number in the skeleton's {@code dispatch}.
   */
  RemoteMethod(Kind kind, String display, String describe, Param[] params, int index) {
    this(kind, display, describe, params, true, null, index, false);
  }

  private RemoteMethod(Kind kind, String display, String describe, Param[] params, boolean named,
      MethodHandle invoker, int index, boolean blocking) {
    this.display = display;
    this.blocking = blocking;
    this.invoker = invoker;
    this.index = index;
    this.arity = params.length;
    this.reserved = kind.reserved();
    if (params.length < reserved) {
      throw new IllegalArgumentException(describe + ": a " + kind.prefix()
          + " method takes the perspective as its first parameter (expected: at least one parameter)");
    }
    converters = new Conversions.Converter[params.length];
    for (int i = 0; i < params.length; i++) {
      UnaryOperator<Object> convert = params[i].convert();
      converters[i] = convert == null ? Conversions.to(params[i].type()) : convert::apply;
    }
    this.named = named;

    List<Integer> positional = new ArrayList<>();
    List<Integer> keywordOnly = new ArrayList<>();
    int varargsAt = -1;
    int keywordsAt = -1;
    for (int i = reserved; i < params.length; i++) {
      Param p = params[i];
      String where = describe + " parameter '" + p.name() + "'";
      boolean isVarArgs = p.varArgs();
      if (keywordsAt >= 0) {
        throw new IllegalArgumentException(describe + ": @Keywords parameter '"
            + params[keywordsAt].name() + "' (expected: the last parameter, of type Map<String, Object>)");
      }
      if (p.keywords()) {
        if (!p.type().isAssignableFrom(LinkedHashMap.class) || isVarArgs
            || (p.defaultText() != null) || p.keywordOnly()) {
          throw new IllegalArgumentException(describe + ": @Keywords parameter '"
              + p.name() + "' (expected: the last parameter, of type Map<String, Object>)");
        }
        keywordsAt = i;
      } else if (isVarArgs) {
        if (varargsAt >= 0 || !keywordOnly.isEmpty()) {
          throw new IllegalArgumentException(where + ": @VarArgs (expected: one, before every keyword-only parameter)");
        }
        if ((p.defaultText() != null) || p.keywordOnly()) {
          throw new IllegalArgumentException(where + ": @VarArgs with @Default or @KeywordOnly"
              + " (expected: the variadic tail alone; it is empty when there is nothing more)");
        }
        Class<?> t = p.type();
        if (!t.isArray() && t != List.class && t != Collection.class && t != Iterable.class
            && t != Tuple.class && t != Object.class) {
          throw new IllegalArgumentException(where + ": @VarArgs of type " + t.getSimpleName()
              + " (expected: List, Collection, Iterable, Tuple or an array)");
        }
        varargsAt = i;
      } else if (p.keywordOnly() || varargsAt >= 0) {
        keywordOnly.add(i);
      } else {
        if (!keywordOnly.isEmpty()) {
          throw new IllegalArgumentException(where + " follows a keyword-only parameter"
              + " (expected: positional parameters first; mark it @KeywordOnly)");
        }
        if (!(p.defaultText() != null) && !positional.isEmpty()
            && params[positional.get(positional.size() - 1)].defaultText() != null) {
          throw new IllegalArgumentException(where + " has no @Default but follows one that has"
              + " (Python: non-default argument follows default argument)");
        }
        positional.add(i);
      }
    }
    this.varargs = varargsAt;
    this.keywords = keywordsAt;
    if (varargsAt >= 0) {
      varargsType = params[varargsAt].type();
      varargsName = params[varargsAt].name();
      varargsElement = varargsType.isArray() ? Conversions.to(varargsType.getComponentType()) : null;
    } else {
      varargsType = null;
      varargsName = null;
      varargsElement = null;
    }
    if (!named && !keywordOnly.isEmpty()) {
      throw new IllegalArgumentException(describe + ": keyword-only parameters"
          + " need their names (expected: the class compiled with javac -parameters)");
    }

    int slots = 1 + reserved + positional.size() + keywordOnly.size();
    slotNames = new String[slots];
    slotParameter = new int[slots];
    defaults = new Object[slots];
    slotNames[0] = "self";
    slotParameter[0] = -1;
    defaults[0] = UNSET;
    int s = 1;
    for (int i = 0; i < reserved; i++, s++) {
      slotNames[s] = params[i].name();
      slotParameter[s] = i;
      defaults[s] = UNSET;
    }
    int positionalDefaults = 0;
    List<Integer> rest = new ArrayList<>(positional);
    rest.addAll(keywordOnly);
    for (int i : rest) {
      Param p = params[i];
      slotNames[s] = p.name();
      slotParameter[s] = i;
      String d = p.defaultText();
      if (d == null) {
        defaults[s] = UNSET;
      } else {
        String where = describe + " parameter '" + p.name() + "': ";
        try {
          Object value = DefaultValues.read(p.type(), d);
          converters[i].convert(value); // checked once here, converted per call
          defaults[s] = value;
        } catch (IllegalArgumentException | PbArgumentException e) {
          throw new IllegalArgumentException(where + e.getMessage(), e);
        }
        if (s < 1 + reserved + positional.size()) {
          positionalDefaults++;
        }
      }
      s++;
    }
    this.argcount = 1 + reserved + positional.size();
    this.defcount = positionalDefaults;
  }

  /** Whether the method is declared {@link dev.spindle.transport.Blocking}. */
  boolean blocking() {
    return blocking;
  }

  /** Calls the method with arguments made by {@link #bind}; whatever it throws propagates. */
  Object call(Object target, Object[] bound) throws Throwable {
    if (index >= 0) {
      return ((dev.spindle.pb.flavors.Skeleton) target).dispatch(index, bound);
    }
    return (Object) invoker.invokeExact(target, bound);
  }

  /** Tells the server's log, once per method, what the caller's TypeError tells the caller. */
  private void warnNamesMissing(String key) {
    if (!warnedNoNames) {
      warnedNoNames = true;
      BrokerState.logger.warn("{}() was called with keyword argument '{}' but {}", display, key,
          NO_NAMES.substring(1, NO_NAMES.length() - 1));
    }
  }

  /**
   * Binds and converts the caller's arguments (and the perspective, for a view method) to the
   * parameters, as CPython binds {@code method(*args, **kw)}. Throws Twisted's {@code TypeError}
   * ({@link TwistedException}) with CPython's text if they do not fit.
   */
  Object[] bind(Object perspective, List<?> args, Map<String, ?> kwargs) {
    Object[] slots = new Object[slotNames.length];
    java.util.Arrays.fill(slots, UNSET);
    slots[0] = this; // self
    if (reserved == 1) {
      slots[1] = perspective;
    }
    int given = 1 + reserved + args.size(); // Python's argcount: self and the perspective count
    int n = Math.min(given, argcount);
    for (int i = 1 + reserved; i < n; i++) {
      slots[i] = args.get(i - 1 - reserved);
    }
    Map<String, Object> extra = keywords >= 0 ? new LinkedHashMap<>() : null;
    for (Map.Entry<String, ?> e : kwargs.entrySet()) {
      String key = e.getKey();
      int slot = slotOf(key);
      if (slot < 0) {
        if (extra == null) {
          if (!named) {
            warnNamesMissing(key);
          }
          throw TwistedException.typeError(display + "() got an unexpected keyword argument '" + key + "'"
              + (named ? "" : " " + NO_NAMES));
        }
        extra.put(key, e.getValue());
      } else if (slots[slot] != UNSET) {
        throw TwistedException.typeError(display + "() got multiple values for argument '" + key + "'");
      } else {
        slots[slot] = e.getValue();
      }
    }
    if (given > argcount && varargs < 0) {
      throw tooManyPositional(given, slots);
    }
    if (given < argcount) {
      int required = argcount - defcount;
      List<String> missing = new ArrayList<>();
      for (int i = given; i < required; i++) {
        if (slots[i] == UNSET) {
          missing.add(slotNames[i]);
        }
      }
      if (!missing.isEmpty()) {
        throw missing("positional", missing);
      }
    }
    List<String> missingKeywordOnly = null;
    for (int i = 1; i < slots.length; i++) {
      if (slots[i] == UNSET) {
        if (defaults[i] != UNSET) {
          slots[i] = defaults[i];
        } else if (i >= argcount) {
          if (missingKeywordOnly == null) {
            missingKeywordOnly = new ArrayList<>();
          }
          missingKeywordOnly.add(slotNames[i]);
        }
      }
    }
    if (missingKeywordOnly != null) {
      throw missing("keyword-only", missingKeywordOnly);
    }

    Object[] out = new Object[arity];
    for (int i = 1; i < slots.length; i++) {
      int p = slotParameter[i];
      out[p] = convert(p, slots[i]);
    }
    if (varargs >= 0) {
      List<?> tail = given > argcount ? args.subList(argcount - 1 - reserved, args.size()) : List.of();
      out[varargs] = tail(tail);
    }
    if (keywords >= 0) {
      out[keywords] = extra;
    }
    return out;
  }

  private Object tail(List<?> tail) {
    if (varargsElement != null) {
      Object array = Array.newInstance(varargsType.getComponentType(), tail.size());
      for (int i = 0; i < tail.size(); i++) {
        Object v;
        try {
          v = varargsElement.convert(tail.get(i));
        } catch (PbArgumentException e) {
          throw TwistedException.typeError(display + "() argument " + (argcount + i) + " (in *"
              + varargsName + "): " + e.getMessage());
        }
        Array.set(array, i, v);
      }
      return array;
    }
    if (varargsType == Tuple.class) {
      return Tuple.copyOf(tail);
    }
    return Collections.unmodifiableList(new ArrayList<>(tail));
  }

  private String parameterName(int p) {
    for (int i = 1; i < slotNames.length; i++) {
      if (slotParameter[i] == p) {
        return slotNames[i];
      }
    }
    return "arg" + p;
  }

  /** CPython's {@code too_many_positional}. */
  private TwistedException tooManyPositional(int given, Object[] slots) {
    int keywordOnlyGiven = 0;
    for (int i = argcount; i < slots.length; i++) {
      if (slots[i] != UNSET) {
        keywordOnlyGiven++;
      }
    }
    String sig;
    boolean plural;
    if (defcount > 0) {
      sig = "from " + (argcount - defcount) + " to " + argcount;
      plural = true;
    } else {
      sig = Integer.toString(argcount);
      plural = argcount != 1;
    }
    String keywordOnlySig = keywordOnlyGiven == 0 ? ""
        : " positional argument" + (given != 1 ? "s" : "") + " (and " + keywordOnlyGiven
            + " keyword-only argument" + (keywordOnlyGiven != 1 ? "s" : "") + ")";
    return TwistedException.typeError(display + "() takes " + sig + " positional argument"
        + (plural ? "s" : "") + " but " + given + keywordOnlySig + " "
        + (given == 1 && keywordOnlyGiven == 0 ? "was" : "were") + " given");
  }

  /** CPython's {@code format_missing}. */
  private TwistedException missing(String kind, List<String> names) {
    List<String> quoted = new ArrayList<>(names.size());
    for (String name : names) {
      quoted.add("'" + name + "'");
    }
    int len = quoted.size();
    String text;
    if (len == 1) {
      text = quoted.get(0);
    } else if (len == 2) {
      text = quoted.get(0) + " and " + quoted.get(1);
    } else {
      text = String.join(", ", quoted.subList(0, len - 2)) + ", " + quoted.get(len - 2) + ", and "
          + quoted.get(len - 1);
    }
    return TwistedException.typeError(display + "() missing " + len + " required " + kind
        + " argument" + (len == 1 ? "" : "s") + ": " + text);
  }

  /** The Python slot {@code key} names, or -1; without parameter names only {@code self}. */
  private int slotOf(String key) {
    if (key.equals("self")) {
      return 0;
    }
    if (!named) {
      return -1;
    }
    for (int i = 1; i < slotNames.length; i++) {
      if (slotNames[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private String name(int parameter) {
    String n = parameterName(parameter);
    return named ? n : "arg" + parameter;
  }

  private Object convert(int index, Object value) {
    try {
      return converters[index].convert(value);
    } catch (PbArgumentException e) {
      throw TwistedException.typeError(display + "() argument '" + name(index) + "': " + e.getMessage());
    }
  }

  /** The class name as Python's {@code __qualname__} would read: {@code Outer.Inner}. */
  private static String qualifiedName(Class<?> c) {
    String simple = c.getSimpleName();
    if (simple.isEmpty()) { // anonymous or hidden: the binary name after the package
      String n = c.getName();
      return n.substring(n.lastIndexOf('.') + 1);
    }
    Class<?> outer = c.getEnclosingClass();
    return outer == null ? simple : qualifiedName(outer) + "." + simple;
  }

  @Override
  public String toString() {
    return display;
  }
}
