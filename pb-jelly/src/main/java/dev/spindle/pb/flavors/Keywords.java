package dev.spindle.pb.flavors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the last parameter of a remote method, a {@code Map<String, Object>}, as receiving the
 * keyword arguments that match no parameter by name (Python's {@code **kw}). Without it such a
 * keyword is refused with Twisted's {@code TypeError}.
 *
 * <p>Keyword arguments bind to parameters by name when the class was compiled with {@code javac
 * -parameters}: your own build must pass it (in Maven, {@code
 * <maven.compiler.parameters>true</maven.compiler.parameters>}); otherwise every keyword
 * argument goes to this map, and without the map a keyword fails with a {@code TypeError} that
 * says so.
 * The map is empty, never null, when there are none; its order is the caller's.
 *
 * <pre>{@code
 * public long remote_add(long a, long b) { ... }                   // add(1, b=2) binds b by name
 * public Object remote_configure(String name, @Keywords Map<String, Object> options) { ... }
 * }</pre>
 *
 * <p>The other Python parameter shapes: {@link Default}, {@link VarArgs}, {@link KeywordOnly}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Keywords {}
