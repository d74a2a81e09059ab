package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.nio.charset.StandardCharsets;
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
  private final boolean dictionary;
  private final Function<? super T, ?> stateOf;
  private final Function<Object, ? extends T> factory;
  private final Supplier<? extends T> blank;
  private final BiConsumer<? super T, Object> setState;

  /**
   * @param dictionary whether the state is a dictionary of attribute names both ways (the state
   *     function must return a Map; a received state must be a dictionary, whose bytes keys are
   *     decoded before {@code factory} or {@code setState} sees it), as Twisted's default {@code
   *     __dict__} state; false: any Jelly value, as a Twisted {@code getStateFor}/{@code
   *     setCopyableState} pair may use
   */
  InstanceType(
      String name,
      Class<T> type,
      boolean dictionary,
      Function<? super T, ?> stateOf,
      Function<Object, ? extends T> factory,
      Supplier<? extends T> blank,
      BiConsumer<? super T, Object> setState) {
    this.name = name;
    this.nameAtom = new Sexp.Bytes(name.getBytes(StandardCharsets.UTF_8));
    this.type = type;
    this.dictionary = dictionary;
    this.stateOf = stateOf;
    this.factory = factory;
    this.blank = blank;
    this.setState = setState;
  }

  /** False for a receive-only registration: instances of the class are not sent as this name. */
  boolean sends() {
    return stateOf != null;
  }

  /** The state to jelly for {@code instance}: a map of attribute names, or any value. */
  Object stateOf(Object instance) {
    Object state;
    try {
      state = stateOf.apply(type.cast(instance));
    } catch (RuntimeException e) {
      throw new JellyException(name + ": the state function failed for " + type.getName() + ": " + e, e);
    }
    if (dictionary && !(state instanceof Map)) {
      throw new JellyException(name + ": the state function returned "
          + (state == null ? "null" : "a " + state.getClass().getName())
          + " (expected: a Map of attribute name to value)");
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

  /**
   * Gives {@code instance}, made by {@link #newBlank()}, its unjellied state.
   *
   * @param remoteCopy whether a broker received it (Twisted's {@code RemoteCopy} path, whose
   *     refusal of a state that is not a dictionary is an {@code AttributeError})
   */
  Object setState(Object instance, Object state, boolean remoteCopy) {
    Object given = received(state, remoteCopy);
    try {
      setState.accept(type.cast(instance), given);
    } catch (RuntimeException e) {
      throw new MalformedJellyException(name + ": the state setter of " + type.getName()
          + " refused the state " + ValueText.repr(given, ValueText.MESSAGE_BUDGET) + ": " + e, e);
    }
    return instance;
  }

  /** Makes an instance from its unjellied state (factory types only); see {@link #setState}. */
  T build(Object state, boolean remoteCopy) {
    Object given = received(state, remoteCopy);
    T made;
    try {
      made = factory.apply(given);
    } catch (RuntimeException e) {
      throw new MalformedJellyException(name + ": the factory of " + type.getName()
          + " refused the state " + InstanceType.describe(given) + ": " + e, e);
    }
    if (made == null) {
      throw new JellyException(name + ": the factory of " + type.getName() + " returned null");
    }
    return made;
  }

  /**
   * The state as the factory or setter takes it: for a dictionary type, a map with text keys
   * (bytes keys decoded as UTF-8, as Twisted's {@code RemoteCopy.setCopyableState} does).
   */
  private Object received(Object state, boolean remoteCopy) {
    if (!dictionary) {
      return state;
    }
    if (remoteCopy && !(state instanceof Map)) {
      throw new JellyAttributeException(name + " state: '" + PythonTypes.name(state)
          + "' object has no attribute 'items' (Twisted's RemoteCopy.setCopyableState: AttributeError;"
          + " register the class with registerAnyState to take any state)");
    }
    try {
      return PythonTypes.attributes(state);
    } catch (RuntimeException e) {
      throw new MalformedJellyException(name + " state: " + e.getMessage()
          + " (Twisted: TypeError; register the class with registerAnyState to take any state)", e);
    }
  }

  static String describe(Object o) {
    return ValueText.describe(o);
  }
}
