package dev.spindle.pb.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Java interface as the remote methods of a PB object; {@code spindle-codegen} compiles
 * it into a client stub {@code <Interface>_PbStub} and a server skeleton {@code
 * <Interface>_PbSkeleton}, with no reflection per call.
 *
 * <p>Each abstract method is one remote method, named after the Java method or {@link
 * dev.spindle.pb.flavors.Remote @Remote("name")}. Parameters take the Python shapes of remote
 * methods: {@link dev.spindle.pb.flavors.Default @Default}, {@link
 * dev.spindle.pb.flavors.KeywordOnly @KeywordOnly},
 * {@link dev.spindle.pb.flavors.VarArgs @VarArgs} (or Java varargs) and a trailing {@link dev.spindle.pb.flavors.Keywords @Keywords}
 * map. The result is {@code CompletableFuture<T>} or {@code CompletionStage<T>}, or {@code void}
 * for a call that asks no answer ({@code callRemoteNoAnswer}).
 *
 * <pre>{@code
 * @RemoteInterface
 * public interface Calculator {
 *   CompletableFuture<Long> add(long a, @Default("1") long b);
 * }
 *
 * Calculator calc = Calculator_PbStub.of(root);          // client
 * server.root(Calculator_PbSkeleton.of(new MyCalculator())); // server: remote_add
 * }</pre>
 *
 * <p>The prefix ({@code remote_}, {@code perspective_}, {@code observe_}) is chosen where the
 * skeleton is bound, not in the interface.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RemoteInterface {}
