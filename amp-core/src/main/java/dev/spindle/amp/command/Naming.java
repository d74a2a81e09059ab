package dev.spindle.amp.command;

/**
 * How the wire keys of a {@link Command}'s arguments and response values are derived from their
 * Java names, when no {@link Argument#name()} is given. Set per command with {@link
 * Command#naming()}, or for every command of a package with {@link CommandNaming} on its {@code
 * package-info.java}; an explicit {@code @Argument(name = "...")} always wins. The derived keys are
 * checked at compile time like written ones (ASCII, 1 to 255 bytes, unique within a box, no
 * leading {@code _}). Command names are not affected: {@code @Command(name = ...)} sets those.
 *
 * <pre>{@code
 * @Command(naming = Naming.SNAKE_CASE)
 * public record Add(long firstValue, long plusOne) implements Request<Add.Result> {  // first_value, plus_one
 *   public record Result(long grandTotal) {}                                        // grand_total
 * }
 * }</pre>
 */
public enum Naming {
  /** The package's {@link CommandNaming}, or {@link #AS_DECLARED} if it has none. */
  PACKAGE_DEFAULT,
  /** The Java name as it is: {@code plusOne}. */
  AS_DECLARED,
  /**
   * Lower case, words joined by {@code _}: {@code plusOne}, {@code httpPort}, {@code HTTPPort}
   * and {@code value2} become {@code plus_one}, {@code http_port}, {@code http_port} and {@code
   * value2}.
   */
  SNAKE_CASE,
  /** Lower case, words joined by {@code -}: {@code plusOne} becomes {@code plus-one}. */
  KEBAB_CASE
}
