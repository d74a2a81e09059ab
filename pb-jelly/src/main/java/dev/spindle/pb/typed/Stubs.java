package dev.spindle.pb.typed;

import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.exceptions.PbConversionException;
import dev.spindle.pb.broker.Conversions;
import java.util.List;
import java.util.Map;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.pb.flavors.Skeleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What generated client stubs call: a remote call whose answer is converted to the declared
 * result type with the range checks of remote method parameters. Not for hand-written code; use
 * {@link RemoteReference#callRemote(Class, String, Object...)} there.
 */
public final class Stubs {
  /** {@link Conversions#to} as the operator {@link #callConverted} takes, once per type. */
  private static final ClassValue<UnaryOperator<Object>> CONVERTERS = new ClassValue<>() {
    @Override
    protected UnaryOperator<Object> computeValue(Class<?> type) {
      Conversions.Converter c = Conversions.to(type);
      return c::convert;
    }
  };

  private Stubs() {}

  /**
   * Calls {@code method} with {@code args} and {@code kwargs} and converts the answer to {@code
   * type} (the erasure of {@code T}: its range checks, not its type arguments); an answer that
   * does not convert fails the future with {@link PbConversionException} naming the interface
   * method and the value ("result of Calculator.add: expected Long, got 'x'").
   *
   * @param <T> the declared result type
   * @param reference the remote object called
   * @param type the erasure of {@code T}, whose range checks the answer must pass
   * @param display the interface and method, for messages ({@code Calculator.add})
   * @param method the remote method name
   * @param args the positional arguments
   * @param kwargs the keyword arguments; empty for none
   * @return a future that completes with the converted answer, or exceptionally with the call's
   *     failure or a {@link PbConversionException}
   */
  public static <T> CompletableFuture<T> call(RemoteReference reference, Class<?> type,
      String display, String method, List<?> args, Map<String, ?> kwargs) {
    return callConverted(reference, CONVERTERS.get(type), display, method, args, kwargs);
  }

  /**
   * Calls {@code method} and converts the answer with {@code convert}, made by {@link Elements}
   * for a generic result type ({@code List<Long>}); a failure names the method and the offending
   * element ("result of Calculator.squares: [2]: expected Long, got 'x'").
   *
   * @param <T> the declared result type
   * @param reference the remote object called
   * @param convert converts the answer to {@code T}, made by {@link Elements}
   * @param display the interface and method, for messages ({@code Calculator.squares})
   * @param method the remote method name
   * @param args the positional arguments
   * @param kwargs the keyword arguments; empty for none
   * @return a future that completes with the converted answer, or exceptionally with the call's
   *     failure or a {@link PbConversionException}; cancelling it cancels the call
   */
  public static <T> CompletableFuture<T> callConverted(RemoteReference reference,
      UnaryOperator<Object> convert, String display, String method, List<?> args,
      Map<String, ?> kwargs) {
    return converted(kwargs.isEmpty()
        ? reference.callRemote(method, args.toArray())
        : reference.callRemoteWithKeywords(method, args, kwargs), convert, display);
  }

  /**
   * {@link #call(RemoteReference, Class, String, String, List, Map)} on the peer's copy of a
   * Cacheable: {@code cachemessage}, run there as {@code observe_<method>}.
   *
   * @param <T> the declared result type
   * @param observer the observer of the peer's copy, given to {@code
   *     getStateToCacheAndObserveFor}
   * @param type the erasure of {@code T}, whose range checks the answer must pass
   * @param display the interface and method, for messages ({@code DuckPond.count})
   * @param method the remote method name, without the {@code observe_} prefix
   * @param args the positional arguments
   * @param kwargs the keyword arguments; empty for none
   * @return a future that completes with the converted answer, or exceptionally with the call's
   *     failure or a {@link PbConversionException}
   */
  public static <T> CompletableFuture<T> call(RemoteCacheObserver observer, Class<?> type,
      String display, String method, List<?> args, Map<String, ?> kwargs) {
    return callConverted(observer, CONVERTERS.get(type), display, method, args, kwargs);
  }

  /**
   * {@link #callConverted(RemoteReference, UnaryOperator, String, String, List, Map)} on the
   * peer's copy of a Cacheable.
   *
   * @param <T> the declared result type
   * @param observer the observer of the peer's copy, given to {@code
   *     getStateToCacheAndObserveFor}
   * @param convert converts the answer to {@code T}, made by {@link Elements}
   * @param display the interface and method, for messages ({@code DuckPond.count})
   * @param method the remote method name, without the {@code observe_} prefix
   * @param args the positional arguments
   * @param kwargs the keyword arguments; empty for none
   * @return a future that completes with the converted answer, or exceptionally with the call's
   *     failure or a {@link PbConversionException}
   */
  public static <T> CompletableFuture<T> callConverted(RemoteCacheObserver observer,
      UnaryOperator<Object> convert, String display, String method, List<?> args,
      Map<String, ?> kwargs) {
    return converted(kwargs.isEmpty()
        ? observer.callRemote(method, args.toArray())
        : observer.callRemoteWithKeywords(method, args, kwargs), convert, display);
  }

  /**
   * {@link #call(RemoteReference, Function, String, String, List, Map)} on the peer's copy of a
   * Cacheable.
   *
   * @param <T> the remote interface of the answer
   * @param observer the observer of the peer's copy, given to {@code
   *     getStateToCacheAndObserveFor}
   * @param stub makes the stub of the reference the peer answers with
   * @param display the interface and method, for messages ({@code DuckPond.count})
   * @param method the remote method name, without the {@code observe_} prefix
   * @param args the positional arguments
   * @param kwargs the keyword arguments; empty for none
   * @return a future that completes with the converted answer, or exceptionally with the call's
   *     failure or a {@link PbConversionException}
   */
  public static <T> CompletableFuture<T> call(RemoteCacheObserver observer,
      Function<RemoteReference, ? extends T> stub, String display, String method, List<?> args,
      Map<String, ?> kwargs) {
    return Stubs.<RemoteReference>call(observer, RemoteReference.class, display, method, args,
        kwargs).thenApply(r -> stub(r, stub));
  }

  /** {@code raw}'s answer converted by {@code convert}, cancelling {@code raw} if cancelled. */
  private static <T> CompletableFuture<T> converted(CompletableFuture<Object> raw,
      UnaryOperator<Object> convert, String display) {
    CompletableFuture<T> typed = new CompletableFuture<>();
    typed.whenComplete((v, e) -> {
      if (typed.isCancelled()) {
        raw.cancel(false);
      }
    });
    raw.whenComplete((v, e) -> {
      if (e != null) {
        typed.completeExceptionally(e);
        return;
      }
      Object converted;
      try {
        converted = convert.apply(v);
      } catch (PbArgumentException x) {
        typed.completeExceptionally(PbConversionException.of(x).in("result of " + display));
        return;
      }
      @SuppressWarnings("unchecked")
      T t = (T) converted; // convert checked it against T
      typed.complete(t);
    });
    return typed;
  }

  /**
   * Calls {@code method} whose answer is another remote interface: the reference received is
   * wrapped by {@code stub} ({@code Two_PbStub::of}); None stays null.
   *
   * @param <T> the declared remote interface of the answer
   * @param reference the remote object called
   * @param stub wraps the received reference, for example {@code Two_PbStub::of}
   * @param display the interface and method, for messages ({@code Calculator.other})
   * @param method the remote method name
   * @param args the positional arguments
   * @param kwargs the keyword arguments; empty for none
   * @return a future that completes with the stub, or {@code null} for None, or exceptionally with
   *     the call's failure
   */
  public static <T> CompletableFuture<T> call(RemoteReference reference,
      Function<RemoteReference, ? extends T> stub, String display, String method, List<?> args,
      Map<String, ?> kwargs) {
    return Stubs.<RemoteReference>call(reference, RemoteReference.class, display, method, args,
        kwargs).thenApply(r -> stub(r, stub));
  }

  /**
   * {@code stub.apply(reference)}, or null for None.
   *
   * @param <T> the remote interface
   * @param reference a received reference, or {@code null}
   * @param stub wraps the reference
   * @return the stub, or {@code null}
   */
  public static <T> T stub(RemoteReference reference, Function<RemoteReference, ? extends T> stub) {
    return reference == null ? null : stub.apply(reference);
  }

  /**
   * What to send for {@code value}, typed as a remote interface: null (None), a stub's own
   * reference (so the peer gets its object back, not a proxy), a {@link Cacheable} as itself (the
   * peer's copy, a {@code RemoteCache}, may implement the interface too), or {@code
   * skeleton.apply(value)}.
   *
   * @param <T> the remote interface
   * @param value the local value, or {@code null}
   * @param skeleton makes the skeleton of a local object, usually through a {@link SkeletonCache}
   * @return what to send: {@code null}, a {@link dev.spindle.pb.RemoteReference}, the {@link
   *     Cacheable} itself or a {@link Skeleton}
   */
  public static <T> Object export(T value, Function<? super T, ? extends Skeleton> skeleton) {
    if (value == null) {
      return null;
    }
    if (value instanceof PbStub stub) {
      return stub.reference();
    }
    if (value instanceof Cacheable) {
      return value;
    }
    return skeleton.apply(value);
  }
}
