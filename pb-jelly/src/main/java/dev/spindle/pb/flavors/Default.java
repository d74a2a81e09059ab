package dev.spindle.pb.flavors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a remote method parameter a default value, used when the caller passes it neither
 * positionally nor by keyword: Python's {@code def remote_increment(self, by=1)} is {@code public
 * long remote_increment(@Default("1") long by)}. As in Python, a parameter without a default may
 * not follow one with a default, except a {@link KeywordOnly} one.
 *
 * <p>The text is read according to the parameter's type, once, when the class is first used (a
 * text that does not fit makes the class unusable, with a message naming the parameter):
 *
 * <table>
 * <caption>Parameter type, and how the text is read</caption>
 * <tr><th>parameter</th><th>text</th><th>example</th></tr>
 * <tr><td>{@code long}, {@code int}, {@code short}, {@code byte}, {@code BigInteger} and
 *     boxes</td><td>a decimal integer</td><td>{@code @Default("-1")}</td></tr>
 * <tr><td>{@code double}, {@code float} and boxes</td><td>a number</td><td>{@code
 *     @Default("0.5")}</td></tr>
 * <tr><td>{@code boolean}, {@code Boolean}</td><td>{@code True} or {@code False} (also lower
 *     case)</td><td>{@code @Default("False")}</td></tr>
 * <tr><td>{@code String}</td><td>the text itself, no quotes</td><td>{@code
 *     @Default("guest")}</td></tr>
 * <tr><td>{@code byte[]}, {@code ByteString}</td><td>the text's UTF-8 bytes</td><td>{@code
 *     @Default("")}</td></tr>
 * <tr><td>{@code Object}, {@code Tuple}</td><td>a Python literal: {@code None}, {@code True},
 *     {@code False}, an integer, a float, a quoted string {@code 'text'}, or {@code ()}</td><td>
 *     {@code @Default("'guest'")}</td></tr>
 * </table>
 *
 * <p>{@code @Default} without a value is Python's {@code None} (null), for any reference type. A
 * mutable default ({@code []}, {@code {}}) is not offered: Python shares one instance across calls,
 * which is rarely what is meant; take {@code @Default} (None) and make the value in the method.
 *
 * <p>Read from the class file (retention {@code RUNTIME}), so annotation processors and
 * reflection see the same declaration.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Default {
  /** The value of {@code value()} that means Python's {@code None}: the annotation's default. */
  String NONE = "\u0000None";

  /**
   * {@return the default, read according to the parameter's type; {@link #NONE} (the default) is
   * None}
   */
  String value() default NONE;
}
