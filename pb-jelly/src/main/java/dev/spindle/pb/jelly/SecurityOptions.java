package dev.spindle.pb.jelly;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which s-expression heads unjelly accepts, and which registered classes jelly may send: an
 * allow-list of type names that denies everything else. Twisted equivalent: {@code
 * jelly.SecurityOptions}, with two deliberate differences: there is no {@code
 * DummySecurityOptions} (Twisted's allow-everything default for {@code unjelly()}, ticket #6355),
 * and a dotted name does not pass the type check by itself: a class name such as {@code
 * goldens.Point} is allowed only if it is in the set.
 *
 * <p>{@link #defaults()} is what {@code SecurityOptions()} starts with; {@link #globalSecurity()}
 * adds {@link #BASIC_TYPES}, as Twisted's module-level {@code globalSecurity} does before anything
 * is registered. A {@link JellyRegistry} built without explicit options uses {@code
 * globalSecurity()} plus every name it registers, as {@code setUnjellyableForClass} adds names to
 * {@code globalSecurity}.
 *
 * <p>Twisted's module and class checks collapse into the type set: Java never imports a module,
 * and a class is allowed exactly when its qualified name is.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecurityOptions {
  /** The types {@code SecurityOptions()} allows from the start (Twisted 22.4). */
  public static final Set<String> DEFAULT_TYPES = Collections.unmodifiableSet(new LinkedHashSet<>(java.util.List.of(
      "None", "bool", "boolean", "string", "str", "int", "float", "datetime", "time", "date",
      "timedelta", "NoneType", "unicode", "decimal", "set", "frozenset")));

  /** The types {@code allowBasicTypes()} adds ({@code SecurityOptions.basicTypes}). */
  public static final Set<String> BASIC_TYPES = Collections.unmodifiableSet(new LinkedHashSet<>(java.util.List.of(
      "dictionary", "list", "tuple", "reference", "dereference", "unpersistable", "persistent",
      "long_int", "long", "dict")));

  /** The types {@code allowInstancesOf(...)} adds besides the basic types and the classes. */
  public static final Set<String> INSTANCE_TYPES = Collections.unmodifiableSet(new LinkedHashSet<>(java.util.List.of(
      "instance", "class", "classobj", "module")));

  private static final SecurityOptions DEFAULTS = new SecurityOptions(new Builder());
  private static final SecurityOptions GLOBAL = new Builder().allowBasicTypes().build();

  private final Set<String> allowedTypes;

  private SecurityOptions(Builder builder) {
    this.allowedTypes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.types));
  }

  /**
   * Twisted's {@code SecurityOptions()}: atoms, text, numbers, times, sets; no containers.
   *
   * @return the shared default options
   */
  public static SecurityOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Twisted's {@code globalSecurity} as the module creates it: the defaults plus {@link
   * #BASIC_TYPES}, before any class is registered. Perspective Broker uses it both ways.
   *
   * @return the shared options, the defaults plus {@link #BASIC_TYPES}
   */
  public static SecurityOptions globalSecurity() {
    return GLOBAL;
  }

  /**
   * Returns a builder that starts from {@link #defaults()}.
   *
   * @return a new builder allowing what {@link #defaults()} allows
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts from these options.
   *
   * @return a new builder allowing what these options allow
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.types.clear();
    b.types.addAll(allowedTypes);
    return b;
  }

  /**
   * Returns true if an s-expression headed {@code type} may be unjellied, and, for a registered
   * class name, whether instances of it may be jellied (else they become {@code unpersistable}).
   *
   * @param type a list head, for example {@code dictionary}, or a qualified class name
   * @return true if {@code type} is allowed
   */
  public boolean isTypeAllowed(String type) {
    return allowedTypes.contains(type);
  }

  /** {@return the allowed type names, in the order they were allowed} */
  public Set<String> allowedTypes() {
    return allowedTypes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecurityOptions && allowedTypes.equals(((SecurityOptions) o).allowedTypes);
  }

  @Override
  public int hashCode() {
    return allowedTypes.hashCode();
  }

  @Override
  public String toString() {
    return "SecurityOptions" + allowedTypes;
  }

  /** Builds {@link SecurityOptions}; starts from {@link SecurityOptions#DEFAULT_TYPES}. Not thread-safe. */
  public static final class Builder {
    private final LinkedHashSet<String> types = new LinkedHashSet<>(DEFAULT_TYPES);

    private Builder() {}

    /**
     * Allows each named type (a head or a qualified class name). Twisted: {@code allowTypes}.
     *
     * @param types list heads or qualified class names, each non-empty
     * @return this builder
     */
    public Builder allowTypes(String... types) {
      for (String t : types) {
        Objects.requireNonNull(t, "type");
        if (t.isEmpty()) {
          throw new IllegalArgumentException("type: \"\" (expected: a non-empty type name)");
        }
        this.types.add(t);
      }
      return this;
    }

    /**
     * Allows {@link #BASIC_TYPES}: dictionaries, lists, tuples, references. Twisted: {@code
     * allowBasicTypes}.
     *
     * @return this builder
     */
    public Builder allowBasicTypes() {
      types.addAll(BASIC_TYPES);
      return this;
    }

    /**
     * Allows instances of the named classes, as Twisted's {@code allowInstancesOf}: the basic
     * types, {@link #INSTANCE_TYPES} and each class name. (Allowing {@code module} lets no module
     * in: Java cannot import Python modules.) The classes must also be registered with {@link
     * JellyRegistry.Builder#register} to be rebuilt.
     *
     * @param classNames the qualified Python class names, for example {@code goldens.Point}
     * @return this builder
     */
    public Builder allowInstancesOf(String... classNames) {
      allowBasicTypes();
      types.addAll(INSTANCE_TYPES);
      return allowTypes(classNames);
    }

    /**
     * Returns the immutable options.
     *
     * @return new options allowing what this builder allows
     */
    public SecurityOptions build() {
      return new SecurityOptions(this);
    }
  }
}
