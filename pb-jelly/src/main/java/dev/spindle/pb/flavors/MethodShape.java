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

  /**
   * A method called {@code name} by the peer.
   *
   * @param name the remote method name, as the peer calls it
   * @return a new shape with no parameters yet
   */
  public static MethodShape method(String name) {
    return new MethodShape(name);
  }

  /**
   * Adds a positional-or-keyword parameter without a default.
   *
   * @param name the Python parameter name, as keyword arguments name it
   * @param type the Java parameter type, which decides how a received value is converted
   * @return this shape
   */
  public MethodShape positional(String name, Class<?> type) {
    return add(name, type, Kind.POSITIONAL, null);
  }

  /**
   * Adds a positional-or-keyword parameter with a {@code @Default} text.
   *
   * @param name the Python parameter name, as keyword arguments name it
   * @param type the Java parameter type, which decides how a received value is converted
   * @param defaultText the {@code @Default} text, read according to {@code type}; {@link
   *     Default#NONE} is None
   * @return this shape
   */
  public MethodShape positional(String name, Class<?> type, String defaultText) {
    return add(name, type, Kind.POSITIONAL, Objects.requireNonNull(defaultText, "defaultText"));
  }

  /**
   * Adds a keyword-only parameter without a default.
   *
   * @param name the Python parameter name, as keyword arguments name it
   * @param type the Java parameter type, which decides how a received value is converted
   * @return this shape
   */
  public MethodShape keywordOnly(String name, Class<?> type) {
    return add(name, type, Kind.KEYWORD_ONLY, null);
  }

  /**
   * Adds a keyword-only parameter with a {@code @Default} text.
   *
   * @param name the Python parameter name, as keyword arguments name it
   * @param type the Java parameter type, which decides how a received value is converted
   * @param defaultText the {@code @Default} text, read according to {@code type}; {@link
   *     Default#NONE} is None
   * @return this shape
   */
  public MethodShape keywordOnly(String name, Class<?> type, String defaultText) {
    return add(name, type, Kind.KEYWORD_ONLY, Objects.requireNonNull(defaultText, "defaultText"));
  }

  /**
   * Adds the variadic tail: an array, {@code List} or {@code Tuple}.
   *
   * @param name the Python parameter name
   * @param type the Java type of the tail: an array class, {@code List} or {@code Tuple}
   * @return this shape
   */
  public MethodShape varArgs(String name, Class<?> type) {
    return add(name, type, Kind.VAR_ARGS, null);
  }

  /**
   * Adds the trailing keyword map.
   *
   * @param name the Python parameter name
   * @return this shape
   */
  public MethodShape keywords(String name) {
    return add(name, java.util.Map.class, Kind.KEYWORDS, null);
  }

  /**
   * Converts the last parameter added with {@code convert} (generated for element types: {@code
   * List<Long>}, {@code Optional<String>}); it throws {@code PbArgumentException} for a value
   * that does not fit, and the peer gets a {@code TypeError} naming the parameter.
   *
   * @param convert converts a received value, or throws {@code PbArgumentException}
   * @return this shape
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

  /** {@return the remote method name} */
  public String name() {
    return name;
  }

  /** {@return the parameters, in Java order (a copy)} */
  public List<Parameter> parameters() {
    return List.copyOf(parameters);
  }
}
