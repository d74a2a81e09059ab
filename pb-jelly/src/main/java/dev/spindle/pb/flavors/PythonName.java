package dev.spindle.pb.flavors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Python type a Java exception class goes out as in a PB failure ({@code CopyableFailure}'s
 * {@code type}), and the Python classes it derives from (added to the failure's {@code parents}
 * after it), so that the Python side's {@code failure.trap(mymodule.SinkError)} or {@code
 * trap(ValueError)} matches:
 *
 * <pre>{@code
 * @PythonName(value = "mymodule.SinkError", parents = "builtins.ValueError")
 * public class SinkError extends RuntimeException { ... }
 * }</pre>
 *
 * <p>A subclass without the annotation goes out under its Java name, with this name among its
 * parents. For classes you cannot annotate ({@code IllegalArgumentException}), use the builders'
 * {@code pythonName(Class, String, String...)}; the builders' {@code remoteException} reads a
 * received Python type into a Java exception class. Jelly, RuntimeException and the like keep
 * their Java names, followed by their Python equivalents where there is one ({@code
 * IllegalArgumentException}: {@code builtins.ValueError}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PythonName {
  /**
   * {@return the Python qualified name, {@code module.Class}, for example {@code
   * builtins.ValueError}}
   */
  String value();

  /**
   * The Python classes it derives from, most specific first, without {@code builtins.Exception},
   * {@code builtins.BaseException} and {@code builtins.object}, which every failure ends with.
   *
   * @return the qualified names of the Python base classes; empty by default
   */
  String[] parents() default {};
}
