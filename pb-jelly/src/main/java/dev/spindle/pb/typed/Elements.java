package dev.spindle.pb.typed;

import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.broker.Conversions;
import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.exceptions.PbConversionException;
import dev.spindle.pb.jelly.ValueText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import dev.spindle.pb.flavors.Skeleton;

/**
 * Conversions of received values to the generic types of remote interfaces ({@code List<Long>},
 * {@code Map<String, List<Integer>>}, {@code Optional<Double>}), built once by generated stubs
 * and skeletons and applied per call: each element is converted with the range checks of its
 * type, and a failure is a {@link PbConversionException} whose path names the element. Not for
 * hand-written code.
 *
 * <p>Containers convert to new unmodifiable ones; None converts to null, or to {@code
 * Optional.empty()} for {@code Optional}. Thread-safe.
 */
public final class Elements {
  private Elements() {}

  /**
   * The conversion to {@code type} itself (its range checks); for elements of containers.
   *
   * @param type the declared element type
   * @return the conversion, which throws {@link PbConversionException} for a value that does not
   *     fit
   */
  public static UnaryOperator<Object> of(Class<?> type) {
    Conversions.Converter c = Conversions.to(type);
    return v -> {
      try {
        return c.convert(v);
      } catch (PbConversionException e) {
        throw e;
      } catch (PbArgumentException e) {
        throw PbConversionException.of(e);
      }
    };
  }

  /**
   * A value typed as the remote interface {@code type}: a reference, wrapped by {@code stub}
   * ({@code Two_PbStub::of}); this side's own object sent back (its skeleton's target, as
   * Twisted gives a Referenceable back to its owner); or None.
   *
   * @param <T> the remote interface
   * @param type the remote interface
   * @param stub wraps a received reference, for example {@code Two_PbStub::of}
   * @return the conversion
   */
  public static <T> UnaryOperator<Object> remote(Class<T> type,
      Function<? super RemoteReference, ? extends T> stub) {
    return v -> {
      if (v == null) {
        return null;
      }
      if (v instanceof RemoteReference r) {
        return stub.apply(r);
      }
      if (v instanceof Skeleton s && type.isInstance(s.target())) {
        return s.target();
      }
      if (type.isInstance(v)) {
        return v;
      }
      throw new PbConversionException(null, "", "expected " + type.getSimpleName()
          + " (a reference), got " + ValueText.describe(v));
    };
  }

  /**
   * A list or tuple, each element converted by {@code element}.
   *
   * @param element converts each element
   * @return the conversion, to a new unmodifiable list
   */
  public static UnaryOperator<Object> list(UnaryOperator<Object> element) {
    UnaryOperator<Object> container = of(List.class);
    return v -> {
      List<?> in = (List<?>) container.apply(v);
      if (in == null) {
        return null;
      }
      List<Object> out = new ArrayList<>(in.size());
      for (int i = 0; i < in.size(); i++) {
        try {
          out.add(element.apply(in.get(i)));
        } catch (PbConversionException e) {
          throw e.at("[" + i + "]");
        }
      }
      return Collections.unmodifiableList(out);
    };
  }

  /**
   * A set or frozenset, each element converted by {@code element}.
   *
   * @param element converts each element
   * @return the conversion, to a new unmodifiable set
   */
  public static UnaryOperator<Object> set(UnaryOperator<Object> element) {
    UnaryOperator<Object> container = of(Set.class);
    return v -> {
      Set<?> in = (Set<?>) container.apply(v);
      if (in == null) {
        return null;
      }
      Set<Object> out = new LinkedHashSet<>();
      for (Object e : in) {
        try {
          out.add(element.apply(e));
        } catch (PbConversionException x) {
          throw x.at("<element " + key(e) + ">");
        }
      }
      return Collections.unmodifiableSet(out);
    };
  }

  /**
   * A dict, each key converted by {@code key} and each value by {@code value}.
   *
   * @param key converts each key
   * @param value converts each value
   * @return the conversion, to a new unmodifiable map
   */
  public static UnaryOperator<Object> map(UnaryOperator<Object> key, UnaryOperator<Object> value) {
    UnaryOperator<Object> container = of(Map.class);
    return v -> {
      Map<?, ?> in = (Map<?, ?>) container.apply(v);
      if (in == null) {
        return null;
      }
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : in.entrySet()) {
        Object k;
        try {
          k = key.apply(e.getKey());
        } catch (PbConversionException x) {
          throw x.at("<key " + key(e.getKey()) + ">");
        }
        try {
          out.put(k, value.apply(e.getValue()));
        } catch (PbConversionException x) {
          throw x.at("[" + key(e.getKey()) + "]");
        }
      }
      return Collections.unmodifiableMap(out);
    };
  }

  /** A key or set element as Python's repr, short (the path of a message). */
  private static String key(Object k) {
    return ValueText.repr(k, ValueText.DESCRIBE_BUDGET);
  }

  /**
   * None as {@code Optional.empty()}, anything else converted by {@code element}.
   *
   * @param element converts a value other than None
   * @return the conversion, to an {@code Optional}
   */
  public static UnaryOperator<Object> optional(UnaryOperator<Object> element) {
    return v -> v == null ? Optional.empty() : Optional.ofNullable(element.apply(v));
  }

  /**
   * Attribute {@code name} of a received copy's {@code state}, converted by {@code convert}; a
   * missing attribute or one that does not convert is a {@link PbConversionException} naming the
   * copy's class and the attribute ("copy of shapes.Point: .x: expected Long, got str 'a'").
   *
   * @param state the received copy's attributes, by name
   * @param className the copy's Python class name, for messages
   * @param name the attribute's name
   * @param convert converts the attribute's value
   * @return the converted value
   * @throws PbConversionException if the attribute is missing or does not convert
   */
  public static Object attribute(Map<String, Object> state, String className, String name,
      UnaryOperator<Object> convert) {
    Object v = state.get(name);
    if (v == null && !state.containsKey(name)) {
      throw new PbConversionException("copy of " + className, "",
          "missing attribute '" + name + "'");
    }
    try {
      return convert.apply(v);
    } catch (PbArgumentException e) {
      throw PbConversionException.of(e).at("." + name).in("copy of " + className);
    }
  }

  /**
   * What to send for an {@code Optional} parameter or result: its value, or None.
   *
   * @param value the Java value, or {@code null}
   * @return the value inside, or {@code null} (None) for an empty or null {@code Optional}
   */
  public static Object unwrap(Optional<?> value) {
    return value == null ? null : value.orElse(null);
  }
}
