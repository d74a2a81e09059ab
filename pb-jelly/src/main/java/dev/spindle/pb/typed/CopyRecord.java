package dev.spindle.pb.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends a record by value, as a Twisted {@code Copyable} whose state is a dictionary of its
 * components: {@code spindle-codegen} compiles it into {@code <Record>_PbCopy}, whose {@code
 * register(JellyRegistry.Builder)} registers the record under {@link #value} with no reflection:
 * the components, in declaration order, are the state sent; a received state is converted
 * component by component with the range and element checks of remote interfaces.
 *
 * <pre>{@code
 * @CopyRecord("shapes.Point")
 * public record Point(long x, long y, Optional<String> label) {}
 *
 * PbServer.builder().jelly(Point_PbCopy.register(JellyRegistry.builder()).build())
 * }</pre>
 *
 * <p>A remote interface that uses the record (as a parameter, a result or an element) registers
 * it, with every other record it uses, from its stub's and skeleton's {@code
 * registerCopies(JellyRegistry.Builder)}. The Twisted side is a {@code pb.RemoteCopy} registered
 * for the same name ({@code setUnjellyableForClass}), and a {@code pb.Copyable} whose {@code
 * getTypeToCopy} is it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CopyRecord {
  /** {@return the Python class name the record is sent as; empty: the Java class's binary name} */
  String value() default "";
}
