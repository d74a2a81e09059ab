package dev.spindle.pb.flavors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method callable by the peer under {@link #value()} (default: the Java method name),
 * whatever its Java name: as a {@code remote_} method of a {@link Referenceable}, a {@code
 * perspective_} method of an avatar, a {@code view_} method of a {@link Viewable} (whose first
 * parameter receives the perspective), or an {@code observe_} method of a {@link RemoteCache}.
 * One remote name maps to one method per class: overloads are refused when the class is first
 * used, naming both methods.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Remote {
  /** {@return the remote method name; empty means the Java method name} */
  String value() default "";
}
