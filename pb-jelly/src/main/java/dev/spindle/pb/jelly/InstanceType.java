package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Java class registered under a Python class name: how to take its state (jelly) and how to
 * rebuild it from state (unjelly), either with a factory or Twisted-style as a blank object whose
 * state is set afterwards (which lets the state refer back to the object).
 */
final class InstanceType<T> {
  final String name;
  final Sexp.Bytes nameAtom;
  final Class<T> type;
  private final Function<? super T, ? extends Map<String, ?>> stateOf;
  private final Function<? super Map<String, Object>, ? extends T> factory;
  private final Supplier<? extends T> blank;
  private final BiConsumer<? super T, ? super Map<String, Object>> setState;

  InstanceType(
      String name,
      Class<T> type,
      Function<? super T, ? extends Map<String, ?>> stateOf,
      Function<? super Map<String, Object>, ? extends T> factory,
      Supplier<? extends T> blank,
      BiConsumer<? super T, ? super Map<String, Object>> setState) {
    this.name = name;
    this.nameAtom = new Sexp.Bytes(name.getBytes(StandardCharsets.UTF_8));
    this.type = type;
    this.stateOf = stateOf;
    this.factory = factory;
    this.blank = blank;
    this.setState = setState;
  }

  /** The state to jelly for {@code instance}: a map from attribute name to value. */
  Map<String, ?> stateOf(Object instance) {
    Map<String, ?> state;
    try {
      state = stateOf.apply(type.cast(instance));
    } catch (RuntimeException e) {
      throw new JellyException(name + ": the state function failed for " + type.getName() + ": " + e, e);
    }
    if (state == null) {
      throw new JellyException(name + ": the state function returned null (expected: a Map of attribute name to value)");
    }
    return state;
  }

  /** Whether instances are made blank first and then given their state (which allows cycles). */
  boolean twoPhase() {
    return blank != null;
  }

  /** Makes a blank instance (two-phase types only). */
  T newBlank() {
    T made;
    try {
      made = blank.get();
    } catch (RuntimeException e) {
      throw new JellyException(name + ": the blank supplier of " + type.getName() + " failed: " + e, e);
    }
    if (made == null) {
      throw new JellyException(name + ": the blank supplier of " + type.getName() + " returned null");
    }
    return made;
  }

  /** Gives {@code instance}, made by {@link #newBlank()}, its unjellied state. */
  Object setState(Object instance, Object state) {
    Map<String, Object> map = stateMap(state);
    try {
      setState.accept(type.cast(instance), map);
    } catch (RuntimeException e) {
      throw new MalformedJellyException(name + ": the state setter of " + type.getName() + " refused the state " + ValueText.repr(map, ValueText.MESSAGE_BUDGET) + ": " + e, e);
    }
    return instance;
  }

  /** Makes an instance from its unjellied state (factory types only). */
  T build(Object state) {
    Map<String, Object> map = stateMap(state);
    T made;
    try {
      made = factory.apply(map);
    } catch (RuntimeException e) {
      throw new MalformedJellyException(name + ": the factory of " + type.getName() + " refused the state " + map + ": " + e, e);
    }
    if (made == null) {
      throw new JellyException(name + ": the factory of " + type.getName() + " returned null");
    }
    return made;
  }

  /**
   * The state as a map with text keys. Byte-string keys are decoded as UTF-8, as Twisted's {@code
   * RemoteCopy.setCopyableState} does.
   */
  private Map<String, Object> stateMap(Object state) {
    if (!(state instanceof Map)) {
      throw new MalformedJellyException(name + " state: " + describe(state)
          + " (expected: a dictionary; Twisted: TypeError: __dict__ must be set to a dictionary)");
    }
    Map<?, ?> map = (Map<?, ?>) state;
    boolean allText = true;
    for (Object k : map.keySet()) {
      if (!(k instanceof String)) {
        allText = false;
        break;
      }
    }
    if (allText) {
      @SuppressWarnings("unchecked")
      Map<String, Object> same = (Map<String, Object>) map;
      return same;
    }
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object k = e.getKey();
      String key;
      if (k instanceof String) {
        key = (String) k;
      } else if (k instanceof ByteString) {
        try {
          key = StandardCharsets.UTF_8.newDecoder()
              .decode(java.nio.ByteBuffer.wrap(((ByteString) k).internalArray())).toString();
        } catch (CharacterCodingException ex) {
          throw new MalformedJellyException(name + " state key: " + ValueText.repr(k, ValueText.MESSAGE_BUDGET) + " (expected: str or UTF-8 bytes)", ex);
        }
      } else {
        throw new MalformedJellyException(name + " state key: " + describe(k) + " (expected: an attribute name, str or bytes)");
      }
      out.put(key, e.getValue());
    }
    return out;
  }

  static String describe(Object o) {
    return ValueText.describe(o);
  }
}
