package pb;

import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.typed.Elements;
import dev.spindle.pb.typed.PbStub;
import dev.spindle.pb.typed.Stubs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;

/**
 * Calls a remote {@link Calculator} through a {@code RemoteReference}.
 *
 * <p>{@code Calculator_PbStub.of(reference)} creates it; {@link #observer} calls a
 * Cacheable's copy instead.
 */
@Generated("dev.spindle.codegen.CommandProcessor")
public final class Calculator_PbStub implements Calculator, PbStub {
  private static final UnaryOperator<Object> RESULT_GROUPS = Elements.map(Elements.of(String.class), Elements.list(Elements.of(Integer.class)));

  private final RemoteReference reference;

  private Calculator_PbStub(RemoteReference reference) {
    this.reference = reference;
  }

  /**
   * The stub calling {@code reference}.
   *
   * @param reference the remote object; not null
   * @return a stub whose methods call it
   */
  public static Calculator_PbStub of(RemoteReference reference) {
    return new Calculator_PbStub(Objects.requireNonNull(reference, "reference"));
  }

  @Override
  public RemoteReference reference() {
    return reference;
  }

  /**
   * Registers with {@code registry} the records {@link Calculator} sends by value.
   *
   * @param registry the registry the peer's connection will use
   * @return {@code registry}, for chaining
   */
  public static JellyRegistry.Builder registerCopies(JellyRegistry.Builder registry) {
    Point_PbCopy.register(registry);
    return registry;
  }

  /**
   * The stub calling the peer's copy of a Cacheable through {@code observer} (given to
   * {@code getStateToCacheAndObserveFor}): each method is sent as {@code cachemessage}, which the
   * copy runs as {@code observe_<name>}.
   *
   * @param observer the observer of one peer's copy; not null
   * @return a stub whose methods call that copy
   */
  public static Observer observer(RemoteCacheObserver observer) {
    return new Observer(Objects.requireNonNull(observer, "observer"));
  }

  @Override
  public CompletableFuture<Long> add(long a, long b) {
    return Stubs.call(this.reference, Long.class, "Calculator.add", "add", Arrays.asList(new Object[] {a, b}), Map.of());
  }

  @Override
  public CompletionStage<Double> div(double a, double b, boolean exact) {
    LinkedHashMap<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("exact", exact);
    return Stubs.call(this.reference, Double.class, "Calculator.div", "divide", Arrays.asList(new Object[] {a, b}), kwargs);
  }

  @Override
  public CompletableFuture<Long> sum(long... numbers) {
    ArrayList<Object> args = new ArrayList<>(numbers.length);
    for (var arg : numbers) {
      args.add(arg);
    }
    return Stubs.call(this.reference, Long.class, "Calculator.sum", "sum", args, Map.of());
  }

  @Override
  public CompletableFuture<Map<String, List<Integer>>> groups(List<Long> numbers,
      Optional<String> label) {
    return Stubs.callConverted(this.reference, RESULT_GROUPS, "Calculator.groups", "groups", Arrays.asList(new Object[] {numbers, Elements.unwrap(label)}), Map.of());
  }

  @Override
  public void reset() {
    this.reference.callRemoteNoAnswer("reset");
  }

  @Override
  public CompletableFuture<Point> middle(Point a, Point b) {
    return Stubs.call(this.reference, Point.class, "Calculator.middle", "middle", Arrays.asList(new Object[] {a, b}), Map.of());
  }

  @Override
  public void log(String text, String level) {
    LinkedHashMap<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("level", level);
    this.reference.callRemoteNoAnswerWithKeywords("log", Arrays.asList(new Object[] {text}), kwargs);
  }

  /**
   * A {@link Calculator} called through a {@code RemoteCacheObserver}: the peer's copy of
   * a Cacheable, whose {@code observe_} methods run each call.
   */
  public static final class Observer implements Calculator {
    private final RemoteCacheObserver observer;

    private Observer(RemoteCacheObserver observer) {
      this.observer = observer;
    }

    /**
     * The observer the stub calls (the one {@code stoppedObserving} is given).
     *
     * @return the observer given to {@code observer(...)}
     */
    public RemoteCacheObserver observer() {
      return observer;
    }

    @Override
    public CompletableFuture<Long> add(long a, long b) {
      return Stubs.call(this.observer, Long.class, "Calculator.add", "add", Arrays.asList(new Object[] {a, b}), Map.of());
    }

    @Override
    public CompletionStage<Double> div(double a, double b, boolean exact) {
      LinkedHashMap<String, Object> kwargs = new LinkedHashMap<>();
      kwargs.put("exact", exact);
      return Stubs.call(this.observer, Double.class, "Calculator.div", "divide", Arrays.asList(new Object[] {a, b}), kwargs);
    }

    @Override
    public CompletableFuture<Long> sum(long... numbers) {
      ArrayList<Object> args = new ArrayList<>(numbers.length);
      for (var arg : numbers) {
        args.add(arg);
      }
      return Stubs.call(this.observer, Long.class, "Calculator.sum", "sum", args, Map.of());
    }

    @Override
    public CompletableFuture<Map<String, List<Integer>>> groups(List<Long> numbers,
        Optional<String> label) {
      return Stubs.callConverted(this.observer, RESULT_GROUPS, "Calculator.groups", "groups", Arrays.asList(new Object[] {numbers, Elements.unwrap(label)}), Map.of());
    }

    @Override
    public void reset() {
      this.observer.callRemoteNoAnswer("reset");
    }

    @Override
    public CompletableFuture<Point> middle(Point a, Point b) {
      return Stubs.call(this.observer, Point.class, "Calculator.middle", "middle", Arrays.asList(new Object[] {a, b}), Map.of());
    }

    @Override
    public void log(String text, String level) {
      LinkedHashMap<String, Object> kwargs = new LinkedHashMap<>();
      kwargs.put("level", level);
      this.observer.callRemoteNoAnswerWithKeywords("log", Arrays.asList(new Object[] {text}), kwargs);
    }
  }
}
