package dev.spindle.pb.flavors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a remote method that receives the positional arguments beyond the named
 * ones (Python's {@code *args}), as a {@code List<Object>}, {@code Collection}, {@code Iterable},
 * {@code Tuple} or array (an array's elements are converted to its component type). Empty, never
 * null, when there are none. A Java varargs parameter ({@code Object... args}) is the same without
 * the annotation.
 *
 * <p>As in Python, the parameters after it are keyword-only (with or without {@link
 * KeywordOnly}), and only a {@link Keywords} map may follow those:
 *
 * <pre>{@code
 * // def remote_log(self, level, *parts, sep=" ", **extra)
 * public String remote_log(long level, @VarArgs List<Object> parts, @Default(" ") String sep,
 *     @Keywords Map<String, Object> extra) { ... }
 * // def remote_sum(self, *numbers)
 * public long remote_sum(long... numbers) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface VarArgs {}
