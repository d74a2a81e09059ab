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
 * <p>The prefix ({@code remote_}, {@code perspective_}, {@code view_}, {@code observe_}) is chosen
 * where the skeleton is bound, not in the interface: {@code of} (a Root or Referenceable, {@code
 * remote_}), {@code avatar} ({@code perspective_}), {@code view} ({@code view_}), and a {@link
 * dev.spindle.pb.flavors.RemoteCache RemoteCache} that implements the interface ({@code
 * observe_}): the owner calls it through {@code <Interface>_PbStub.observer(observer)}.
 *
 * <pre>{@code
 * @RemoteInterface
 * public interface DuckPond {
 *   void addDuck(String duck);
 * }
 *
 * // the Cacheable's owner, in getStateToCacheAndObserveFor(perspective, observer):
 * DuckPond copy = DuckPond_PbStub.observer(observer);
 * copy.addDuck("ugly duckling");                          // cachemessage "addDuck"
 *
 * // the receiver: observe_addDuck, dispatched by DuckPond_PbSkeleton
 * public final class SlaveDuckPond extends RemoteCache implements DuckPond {
 *   public void addDuck(String duck) { ducks.add(duck); }
 * }
 * }</pre>
 *
 * <p>A Cacheable that implements a remote interface travels as itself (a cache, not a reference)
 * where the interface is the declared type; a parameter or result so typed receives the peer's
 * copy when the copy's class implements the interface.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RemoteInterface {}
