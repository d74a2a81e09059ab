package dev.spindle.amp.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Customizes one argument or response value of a {@link Command}. Every record component is an
 * argument, annotated or not; in a class, the fields annotated with this are.
 *
 * <p>The Java type chooses the AMP type:
 *
 * <table>
 *   <caption>Java to AMP types</caption>
 *   <tr><th>Java</th><th>AMP</th></tr>
 *   <tr><td>{@code int}, {@code long}, {@code Integer}, {@code Long}, {@code BigInteger}</td><td>Integer</td></tr>
 *   <tr><td>{@code byte[]}</td><td>String (raw bytes)</td></tr>
 *   <tr><td>{@code String}</td><td>Unicode (UTF-8)</td></tr>
 *   <tr><td>{@code boolean}, {@code Boolean}</td><td>Boolean</td></tr>
 *   <tr><td>{@code double}, {@code Double}</td><td>Float</td></tr>
 *   <tr><td>{@code BigDecimal}, {@link AmpDecimal}</td><td>Decimal</td></tr>
 *   <tr><td>{@code OffsetDateTime}</td><td>DateTime</td></tr>
 *   <tr><td>{@code java.nio.file.Path}</td><td>Path</td></tr>
 *   <tr><td>{@code List<T>} of any type above</td><td>ListOf(T)</td></tr>
 *   <tr><td>{@code List<R>} of a record (its components as fields)</td><td>AmpList</td></tr>
 * </table>
 *
 * <p>Other types need {@link #type()}: a class implementing {@link ArgumentType} with a public
 * no-argument constructor.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Argument {
  /**
   * The key on the wire; the Java name if empty.
   *
   * @return the wire key, or empty for the Java name (as the command's naming derives it)
   */
  String name() default "";

  /**
   * Whether the value may be absent: a null is left out of the box, a missing key reads as null.
   * Primitive fields cannot be optional.
   *
   * @return true if the value may be absent
   */
  boolean optional() default false;

  /**
   * A user-defined argument type; {@code ArgumentType.class} (the default) means: by Java type.
   *
   * @return the argument type's class, with a public no-argument constructor; {@code
   *     ArgumentType.class} for the default
   */
  @SuppressWarnings("rawtypes")
  Class<? extends ArgumentType> type() default ArgumentType.class;
}
