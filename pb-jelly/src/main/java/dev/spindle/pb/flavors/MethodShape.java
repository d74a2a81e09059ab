package dev.spindle.pb.flavors;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The Python signature of one remote method of a generated skeleton: its remote name and its
 * parameters in Java order. Built by generated code, once, then registered with {@link
 * SkeletonMethods#register}; not modified after that.
 */
public final class MethodShape {
  /** How a parameter binds, as in a Python {@code def}. */
  public enum Kind {
    /** Positional or keyword. */
    POSITIONAL,
    /** Keyword-only ({@code @KeywordOnly}, or after the variadic tail). */
    KEYWORD_ONLY,
    /** The variadic tail, {@code *args}. */
    VAR_ARGS,
    /** The keyword map, {@code **kw}. */
    KEYWORDS
  }

  /**
   * One parameter: {@code defaultText} is the {@code @Default} text (null: no default; {@link
   * Default#NONE}: None); {@code convert} converts a received value to a generic type ({@code
   * List<Long>}) in place of the range checks of {@code type}, or is null.
   */
  public record Parameter(String name, Class<?> type, Kind kind, String defaultText,
      UnaryOperator<Object> convert) {}

  private final String name;
  private final List<Parameter> parameters = new ArrayList<>();

  private MethodShape(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** A method called {@code name} by the peer. */
  public static MethodShape method(String name) {
    return new MethodShape(name);
  }

  /** Adds a positional-or-keyword parameter without a default. */
  public MethodShape positional(String name, Class<?> type) {
    return add(name, type, Kind.POSITIONAL, null);
  }

  /** Adds a positional-or-keyword parameter with a {@code @Default} text. */
  public MethodShape positional(String name, Class<?> type, String defaultText) {
    return add(name, type, Kind.POSITIONAL, Objects.requireNonNull(defaultText, "defaultText"));
  }

  /** Adds a keyword-only parameter without a default. */
  public MethodShape keywordOnly(String name, Class<?> type) {
    return add(name, type, Kind.KEYWORD_ONLY, null);
  }

  /** Adds a keyword-only parameter with a {@code @Default} text. */
  public MethodShape keywordOnly(String name, Class<?> type, String defaultText) {
    return add(name, type, Kind.KEYWORD_ONLY, Objects.requireNonNull(defaultText, "defaultText"));
  }

  /** Adds the variadic tail: an array, {@code List} or {@code Tuple}. */
  public MethodShape varArgs(String name, Class<?> type) {
    return add(name, type, Kind.VAR_ARGS, null);
  }

  /** Adds the trailing keyword map. */
  public MethodShape keywords(String name) {
    return add(name, java.util.Map.class, Kind.KEYWORDS, null);
  }

  /**
   * Converts the last parameter added with {@code convert} (generated for element types: {@code
   * List<Long>}, {@code Optional<String>}); it throws {@code PbArgumentException} for a value
   * that does not fit, and the peer gets a {@code TypeError} naming the parameter.
   *
   * @throws IllegalStateException if there is no parameter yet, or it is the keyword map
   */
  public MethodShape converting(UnaryOperator<Object> convert) {
    if (parameters.isEmpty() || parameters.get(parameters.size() - 1).kind() == Kind.KEYWORDS) {
      throw new IllegalStateException("converting() follows a parameter other than the keywords");
    }
    Parameter p = parameters.remove(parameters.size() - 1);
    parameters.add(new Parameter(p.name(), p.type(), p.kind(), p.defaultText(),
        Objects.requireNonNull(convert, "convert")));
    return this;
  }

  private MethodShape add(String name, Class<?> type, Kind kind, String defaultText) {
    parameters.add(new Parameter(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(type, "type"), kind, defaultText, null));
    return this;
  }

  /** The remote method name. */
  public String name() {
    return name;
  }

  /** The parameters, in Java order. */
  public List<Parameter> parameters() {
    return List.copyOf(parameters);
  }
}
