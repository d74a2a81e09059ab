package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Jelly's configuration: the {@link SecurityOptions}, the Java classes registered under Python
 * class names, the {@link UnjellyHandler}s for other heads, and the nesting limit. It creates the
 * per-call {@link Jellier} and {@link Unjellier}. Twisted equivalent: the module-level {@code
 * unjellyableRegistry} and {@code globalSecurity}, made into one value instead of globals.
 *
 * <pre>{@code
 * JellyRegistry registry = JellyRegistry.builder()
 *     .register("goldens.Point", Point.class,
 *         p -> Map.of("x", p.x(), "y", p.y()),
 *         state -> new Point((Long) state.get("x"), (Long) state.get("y")))
 *     .build();
 * Sexp sexp = registry.jelly(List.of(new Point(1, 2), "text"));
 * Object back = registry.unjelly(sexp);   // [Point(1, 2), "text"]
 * }</pre>
 *
 * <p><b>What goes out as a copy.</b> An object is sent as {@code [className, state]} when it is a
 * {@link Jellyable} (a {@link dev.spindle.pb.flavors.Copyable}: its {@code getTypeToCopy()} and
 * {@code getStateToCopy()}), or when its exact class was registered here with a state function
 * ({@code register...}), whether or not it implements {@code Copyable}. When both apply, the
 * {@code Jellyable}/{@code Copyable} methods win and the registration is used only to receive.
 * {@link Builder#receive} registers a class to receive only. A class neither {@code Jellyable}
 * nor registered is not sendable ({@code JellyException}), as in Twisted.
 *
 * <p>Immutable and thread-safe: share one registry; each jelly or unjelly call makes its own
 * {@code Jellier} or {@code Unjellier}.
 */
public final class JellyRegistry {
  /**
   * Default limit on nesting depth in one jelly or unjelly call: open containers, instances,
   * references and nested {@link Jellyable} or {@link UnjellyHandler} calls. Twisted has no
   * explicit limit; Python's recursion limit lets it jelly about 980 nested dictionaries and
   * unjelly about 330 nested containers, so 1,000 refuses nothing Twisted sends. Containers cost
   * heap, not Java stack; each nested {@code Jellyable} or handler call uses some Java stack.
   */
  public static final int DEFAULT_MAX_DEPTH = 1000;

  private final SecurityOptions security;
  private final Map<String, UnjellyHandler> handlers;
  private final Map<String, InstanceType<?>> byName;
  private final Map<Class<?>, InstanceType<?>> byClass;
  private final int maxDepth;
  private final Builder source;

  private JellyRegistry(Builder b) {
    this.handlers = Collections.unmodifiableMap(new HashMap<>(b.handlers));
    this.byName = Collections.unmodifiableMap(new HashMap<>(b.byName));
    HashMap<Class<?>, InstanceType<?>> classes = new HashMap<>();
    for (InstanceType<?> t : b.byName.values()) {
      classes.put(t.type, t);
    }
    this.byClass = Collections.unmodifiableMap(classes);
    this.maxDepth = b.maxDepth;
    if (b.security != null) {
      this.security = b.security;
    } else {
      SecurityOptions.Builder s = SecurityOptions.globalSecurity().toBuilder();
      s.allowTypes(b.byName.keySet().toArray(new String[0]));
      s.allowTypes(b.handlers.keySet().toArray(new String[0]));
      this.security = s.build();
    }
    this.source = b.copy();
  }

  /**
   * Returns a builder with {@code globalSecurity}, nothing registered and the default depth.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this registry's settings.
   *
   * @return a new builder holding the security options, registrations and depth of this registry
   */
  public Builder toBuilder() {
    return source.copy();
  }

  /**
   * Creates a single-use jellier with no invoker.
   *
   * @return a new jellier, for one value
   */
  public Jellier newJellier() {
    return new Jellier(this, null);
  }

  /**
   * Creates a single-use jellier whose {@link Jellier#invoker()} is {@code invoker} (for PB, the
   * broker serializing the message), like the {@code invoker} argument of Twisted's {@code jelly}.
   *
   * @param invoker the object jellied values can reach through {@link Jellier#invoker()}, or {@code
   *     null}
   * @return a new jellier, for one value
   */
  public Jellier newJellier(Object invoker) {
    return new Jellier(this, invoker);
  }

  /**
   * Creates a single-use unjellier with no invoker.
   *
   * @return a new unjellier, for one s-expression
   */
  public Unjellier newUnjellier() {
    return new Unjellier(this, null);
  }

  /**
   * Creates a single-use unjellier whose {@link Unjellier#invoker()} is {@code invoker}.
   *
   * @param invoker the object handlers can reach through {@link Unjellier#invoker()}, or {@code
   *     null}
   * @return a new unjellier, for one s-expression
   */
  public Unjellier newUnjellier(Object invoker) {
    return new Unjellier(this, invoker);
  }

  /**
   * Jellies {@code value} with a new {@link Jellier}. Twisted: {@code jelly(value, taster)}.
   *
   * @param value the value to jelly
   * @return the value's s-expression
   * @throws JellyException if the value or something in it cannot be jellied
   */
  public Sexp jelly(Object value) {
    return newJellier().jelly(value);
  }

  /**
   * Unjellies {@code sexp} with a new {@link Unjellier}. Twisted: {@code unjelly(sexp, taster)}.
   *
   * @param sexp the s-expression, as received
   * @return the value, possibly {@code null}
   * @throws InsecureJellyException if a type is not allowed or not registered
   * @throws MalformedJellyException if the s-expression is malformed
   */
  public Object unjelly(Sexp sexp) {
    return newUnjellier().unjelly(sexp);
  }

  /**
   * The security options in force: those given to {@link Builder#security}, or else {@code
   * globalSecurity()} plus every registered class name and handler head.
   *
   * @return the security options jellying and unjellying check
   */
  public SecurityOptions security() {
    return security;
  }

  /**
   * {@return the nesting limit of one jelly or unjelly call; default {@link #DEFAULT_MAX_DEPTH}}
   */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * The Python class name {@code type} is registered under with {@link Builder#register}, or null.
   * Exact classes only, as Jelly matches them.
   *
   * @param type the Java class
   * @return the Python class name, or {@code null} if {@code type} is not registered
   */
  public String registeredName(Class<?> type) {
    InstanceType<?> t = byClass.get(type);
    return t == null ? null : t.name;
  }

  /**
   * Returns true if {@code head} has a registered class or {@link UnjellyHandler}.
   *
   * @param head a list head or Python class name
   * @return true if unjelly can rebuild lists headed {@code head}
   */
  public boolean isRegistered(String head) {
    return byName.containsKey(head) || handlers.containsKey(head);
  }

  UnjellyHandler handler(String head) {
    return handlers.get(head);
  }

  InstanceType<?> instanceType(String name) {
    return byName.get(name);
  }

  InstanceType<?> instanceType(Class<?> type) {
    return byClass.get(type);
  }

  /** Builds a {@link JellyRegistry}. Not thread-safe. */
  public static final class Builder {
    private SecurityOptions security;
    private final LinkedHashMap<String, UnjellyHandler> handlers = new LinkedHashMap<>();
    private final LinkedHashMap<String, InstanceType<?>> byName = new LinkedHashMap<>();
    private final HashMap<Class<?>, String> classes = new HashMap<>();
    private int maxDepth = DEFAULT_MAX_DEPTH;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.security = security;
      b.handlers.putAll(handlers);
      b.byName.putAll(byName);
      b.classes.putAll(classes);
      b.maxDepth = maxDepth;
      return b;
    }

    /**
     * Uses exactly these security options, as a Twisted taster passed to {@code jelly} and
     * {@code unjelly}: registered names are then allowed only if {@code security} allows them.
     * Without this call the registry uses {@link SecurityOptions#globalSecurity()} plus every
     * registered name, as Twisted's {@code setUnjellyableForClass} extends {@code
     * globalSecurity}.
     *
     * @param security the options that replace the default ones
     * @return this builder
     */
    public Builder security(SecurityOptions security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * Registers {@code type} as the Python class {@code className}, rebuilt by a factory.
     * Jelly sends an exact instance of {@code type} as {@code [className, jelly(state(obj))]}
     * if the security options allow {@code className}, else as Twisted's {@code
     * ["unpersistable", "instance of class <className> deemed insecure"]}. Unjelly rebuilds
     * {@code [className, state]} with {@code factory}; the state must unjelly to a dictionary,
     * whose bytes keys become strings. Because the object is made from its state, the state
     * cannot refer back to it; use the other {@code register} for cycles.
     *
     * @param <T> the Java type
     * @param className the Python class name, for example {@code goldens.Point}
     * @param type the exact Java class (subclasses are not matched)
     * @param state the attributes to send, like Python's {@code __getstate__}, in the map's
     *     iteration order ({@code Map.of}'s is unspecified; a {@code LinkedHashMap} gives stable
     *     bytes)
     * @param factory makes an instance from the received attributes
     * @return this builder
     * @throws IllegalArgumentException if {@code className} or {@code type} is registered already,
     *     or {@code className} is empty or built in
     */
    public <T> Builder register(
        String className,
        Class<T> type,
        Function<? super T, ? extends Map<String, ?>> state,
        Function<? super Map<String, Object>, ? extends T> factory) {
      Objects.requireNonNull(factory, "factory");
      return add(new InstanceType<T>(checkName(className), Objects.requireNonNull(type, "type"), true,
          Objects.requireNonNull(state, "state"), attributes(factory), null, null));
    }

    /**
     * Registers {@code type} to <em>receive</em> copies of the Python class {@code className}
     * (Twisted's {@code setUnjellyableForClass(className, RemoteCopySubclass)}), without a state
     * function: the received state must be a dictionary, given to {@code factory} with text keys.
     * Instances of {@code type} are not sent as {@code className}; to send them, make them {@link
     * dev.spindle.pb.flavors.Copyable} or use {@link #register(String, Class, Function,
     * Function)}. The PB builders' {@code remoteCopy(...)} does the same.
     *
     * <pre>{@code
     * .receive("buildbot.changes.Change", Change.class, state -> new Change((String) state.get("who")))
     * }</pre>
     *
     * @param <T> the Java type
     * @param className the Python class name, for example {@code buildbot.changes.Change}
     * @param type the Java class the copies are rebuilt as
     * @param factory makes an instance from the received attributes, keyed by text
     * @return this builder
     * @throws IllegalArgumentException if {@code className} or {@code type} is registered already,
     *     or {@code className} is empty or built in
     */
    public <T> Builder receive(
        String className, Class<T> type, Function<? super Map<String, Object>, ? extends T> factory) {
      Objects.requireNonNull(factory, "factory");
      return add(new InstanceType<T>(checkName(className), Objects.requireNonNull(type, "type"), true,
          null, attributes(factory), null, null));
    }

    /**
     * As {@link #receive(String, Class, Function)}, for a state of any Jelly value (a list, a
     * string...), given to {@code factory} as unjellied.
     *
     * @param <T> the Java type
     * @param className the Python class name
     * @param type the Java class the copies are rebuilt as
     * @param factory makes an instance from the received state, as unjellied
     * @return this builder
     * @throws IllegalArgumentException if {@code className} or {@code type} is registered already,
     *     or {@code className} is empty or built in
     */
    public <T> Builder receiveAnyState(
        String className, Class<T> type, Function<Object, ? extends T> factory) {
      return add(new InstanceType<T>(checkName(className), Objects.requireNonNull(type, "type"), false,
          null, Objects.requireNonNull(factory, "factory"), null, null));
    }

    /**
     * Registers {@code type} as the Python class {@code className} whose state is any Jelly value,
     * not only a dictionary: what a Twisted class with its own {@code getStateToCopy} and {@code
     * setCopyableState} sends (a list, a string, a number...). Otherwise as {@link
     * #register(String, Class, Function, Function)}.
     *
     * <pre>{@code
     * .registerAnyState("ponds.Pond", Pond.class, pond -> pond.ducks(), state -> new Pond((List<?>) state))
     * }</pre>
     *
     * @param <T> the Java type
     * @param className the Python class name, for example {@code ponds.Pond}
     * @param type the exact Java class (subclasses are not matched)
     * @param state the value to send as the state
     * @param factory makes an instance from the received state, as unjellied
     * @return this builder
     * @throws IllegalArgumentException if {@code className} or {@code type} is registered already,
     *     or {@code className} is empty or built in
     */
    public <T> Builder registerAnyState(
        String className,
        Class<T> type,
        Function<? super T, ?> state,
        Function<Object, ? extends T> factory) {
      return add(new InstanceType<T>(checkName(className), Objects.requireNonNull(type, "type"), false,
          Objects.requireNonNull(state, "state"), Objects.requireNonNull(factory, "factory"), null, null));
    }

    /**
     * Registers {@code type} as the Python class {@code className} whose state is any Jelly value,
     * rebuilt in two phases (a blank object, then its state, which may refer back to it). Otherwise
     * as {@link #register(String, Class, Function, Supplier, BiConsumer)}.
     *
     * @param <T> the Java type
     * @param className the Python class name
     * @param type the exact Java class (subclasses are not matched)
     * @param state the value to send as the state
     * @param blank makes an empty instance, like Python's {@code cls.__new__(cls)}
     * @param setState fills the instance from the received state, as unjellied
     * @return this builder
     * @throws IllegalArgumentException if {@code className} or {@code type} is registered already,
     *     or {@code className} is empty or built in
     */
    public <T> Builder registerAnyState(
        String className,
        Class<T> type,
        Function<? super T, ?> state,
        Supplier<? extends T> blank,
        BiConsumer<? super T, Object> setState) {
      return add(new InstanceType<T>(checkName(className), Objects.requireNonNull(type, "type"), false,
          Objects.requireNonNull(state, "state"), null, Objects.requireNonNull(blank, "blank"),
          Objects.requireNonNull(setState, "setState")));
    }

    @SuppressWarnings("unchecked")
    private static <T> Function<Object, ? extends T> attributes(
        Function<? super Map<String, Object>, ? extends T> factory) {
      return state -> factory.apply((Map<String, Object>) state);
    }

    /**
     * Registers {@code type} as the Python class {@code className}, rebuilt as Twisted does: a
     * blank object from {@code blank}, then its state from {@code setState}. The blank object
     * takes its reference number before its state is unjellied, so the state may refer back to
     * it (a tree with parent links, an object that contains itself). Otherwise as {@link
     * #register(String, Class, Function, Function)}.
     *
     * @param <T> the Java type
     * @param className the Python class name, for example {@code goldens.Node}
     * @param type the exact Java class (subclasses are not matched)
     * @param state the attributes to send, like Python's {@code __getstate__}, in the map's
     *     iteration order
     * @param blank makes an empty instance, like Python's {@code cls.__new__(cls)}
     * @param setState fills the instance from the received attributes, like {@code __setstate__}
     * @return this builder
     * @throws IllegalArgumentException if {@code className} or {@code type} is registered already,
     *     or {@code className} is empty or built in
     */
    public <T> Builder register(
        String className,
        Class<T> type,
        Function<? super T, ? extends Map<String, ?>> state,
        Supplier<? extends T> blank,
        BiConsumer<? super T, ? super Map<String, Object>> setState) {
      Objects.requireNonNull(setState, "setState");
      @SuppressWarnings("unchecked")
      BiConsumer<? super T, Object> set = (t, m) -> setState.accept(t, (Map<String, Object>) m);
      return add(new InstanceType<T>(checkName(className), Objects.requireNonNull(type, "type"), true,
          Objects.requireNonNull(state, "state"), null, Objects.requireNonNull(blank, "blank"), set));
    }

    /**
     * Registers the handler that unjellies lists headed {@code head}, for example PB's {@code
     * remote}, {@code local}, {@code cached}, {@code lcache} or a copy type name. Twisted: {@code
     * setUnjellyableForClass(head, ...)}. Built-in heads cannot be replaced.
     *
     * @param head the list head, not built in and not registered already
     * @param handler rebuilds the value of each list headed {@code head}; must be thread-safe
     * @return this builder
     * @throws IllegalArgumentException if {@code head} is empty, built in or registered already
     */
    public Builder handler(String head, UnjellyHandler handler) {
      checkName(head);
      handlers.put(head, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * Whether {@code type} is registered already (generated registrations register once).
     *
     * @param type a Java class
     * @return true if {@code type} has been registered with one of the {@code register} or {@code
     *     receive} methods
     */
    public boolean registers(Class<?> type) {
      return classes.containsKey(type);
    }

    /**
     * Sets the nesting limit of one call; default {@link #DEFAULT_MAX_DEPTH}.
     *
     * @param maxDepth the most nested containers and {@code Jellyable} or handler calls, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxDepth} is below 1
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1) {
        throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: at least 1)");
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Returns the immutable registry.
     *
     * @return a new registry holding this builder's registrations
     */
    public JellyRegistry build() {
      return new JellyRegistry(this);
    }

    private Builder add(InstanceType<?> t) {
      String other = classes.get(t.type);
      if (other != null) {
        throw new IllegalArgumentException(
            "type: " + t.type.getName() + " (expected: registered once; it is already " + other + ")");
      }
      classes.put(t.type, t.name);
      byName.put(t.name, t);
      return this;
    }

    private String checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name: \"\" (expected: a non-empty head or class name)");
      }
      if (Heads.BUILT_IN.contains(name)) {
        throw new IllegalArgumentException("name: " + name + " (expected: not a built-in Jelly head)");
      }
      if (handlers.containsKey(name) || byName.containsKey(name)) {
        throw new IllegalArgumentException("name: " + name + " (expected: registered once)");
      }
      if (!StandardCharsets.UTF_8.newEncoder().canEncode(name)) {
        throw new IllegalArgumentException("name: " + name + " (expected: valid UTF-16, no lone surrogates)");
      }
      return name;
    }
  }
}
