package pb;

import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.MethodShape;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.flavors.Skeleton;
import dev.spindle.pb.flavors.SkeletonMethods;
import dev.spindle.pb.flavors.Viewable;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.login.Perspective;
import dev.spindle.pb.typed.Elements;
import dev.spindle.pb.typed.SkeletonCache;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.annotation.processing.Generated;

/**
 * Exposes a {@link Calculator} to PB peers: publish it as the root, send it as a Referenceable, or
 * hand out {@link #avatar} at login ({@code perspective_} methods); {@link #view} sends it as a
 * Viewable ({@code view_} methods). A {@code RemoteCache} implementing {@link Calculator} runs
 * the owner's {@code observe_} calls through it.
 *
 * <p>{@code Calculator_PbSkeleton.of(target)} creates it.
 */
@Generated("dev.spindle.codegen.CommandProcessor")
public final class Calculator_PbSkeleton implements Root, Skeleton {
  private static final MethodShape[] SHAPES = {
      MethodShape.method("add")
          .positional("a", long.class)
          .positional("b", long.class, "1"),
      MethodShape.method("divide")
          .positional("a", double.class)
          .positional("b", double.class)
          .keywordOnly("exact", boolean.class, "False"),
      MethodShape.method("sum")
          .varArgs("numbers", long[].class),
      MethodShape.method("groups")
          .positional("numbers", List.class)
          .converting(Elements.list(Elements.of(Long.class)))
          .positional("label", Optional.class, Default.NONE)
          .converting(Elements.optional(Elements.of(String.class))),
      MethodShape.method("reset"),
      MethodShape.method("middle")
          .positional("a", Point.class)
          .positional("b", Point.class),
      MethodShape.method("log")
          .positional("text", String.class)
          .keywordOnly("level", String.class, "info")
  };

  private static final SkeletonCache<Calculator, Calculator_PbSkeleton> SKELETONS = new SkeletonCache<>(Calculator_PbSkeleton::new);

  static {
    SkeletonMethods.register(Calculator_PbSkeleton.class, "Calculator", SHAPES);
    SkeletonMethods.registerFactory(Calculator.class, Calculator_PbSkeleton::of);
  }

  private final Calculator target;

  private Calculator_PbSkeleton(Calculator target) {
    this.target = target;
  }

  /**
   * The skeleton calling {@code target}: the same one for the same object, so that it is one
   * reference on the wire however often it is sent.
   *
   * @param target the object whose methods the peer calls; not null
   * @return the skeleton of {@code target}
   */
  public static Calculator_PbSkeleton of(Calculator target) {
    return SKELETONS.get(Objects.requireNonNull(target, "target"));
  }

  /**
   * The object whose methods the peer calls.
   */
  @Override
  public Calculator target() {
    return target;
  }

  /**
   * {@code target} as a PB login avatar: the peer calls its methods as {@code perspective_<name>}.
   *
   * @param target the avatar's object; not null
   * @return the avatar, for a realm to hand out at login
   */
  public static Avatar avatar(Calculator target) {
    return new Avatar(of(target));
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
   * {@code targets} as a PB Viewable ({@code view_} methods): each call runs on the target
   * {@code targets} gives for the caller's perspective (null when the view was not sent by a
   * perspective method).
   *
   * @param targets gives the target for a caller's perspective; not null
   * @return the Viewable, to send to the peer
   */
  public static View view(Function<Object, ? extends Calculator> targets) {
    return new View(Objects.requireNonNull(targets, "targets"));
  }

  @Override
  public Object dispatch(int method, Object[] args) throws Throwable {
    return call(target, method, args, 0);
  }

  /**
   * Calls method number {@code method} of {@code target} with the arguments from {@code args[at]} on.
   */
  @SuppressWarnings("unchecked")
  private static Object call(Calculator target, int method, Object[] args, int at) throws
      Throwable {
    switch (method) {
      case 0:
        return Skeleton.settled(target.add((long) args[at], (long) args[at + 1]));
      case 1:
        return Skeleton.settled(target.div((double) args[at], (double) args[at + 1], (boolean) args[at + 2]));
      case 2:
        return Skeleton.settled(target.sum((long[]) args[at]));
      case 3:
        return Skeleton.settled(target.groups((List<Long>) args[at], (Optional<String>) args[at + 1]));
      case 4:
        target.reset();
        return null;
      case 5:
        return Skeleton.settled(target.middle((Point) args[at], (Point) args[at + 1]));
      case 6:
        target.log((String) args[at], (String) args[at + 1]);
        return null;
      default:
        throw new IllegalArgumentException("no remote method number " + method);
    }
  }

  /**
   * A {@link Calculator} sent as a PB Viewable ({@code view_} methods): the broker passes the caller's
   * perspective, which chooses the target.
   */
  public static final class View implements Viewable, Skeleton {
    static {
      SkeletonMethods.register(View.class, "Calculator", SHAPES);
    }

    private final Function<Object, ? extends Calculator> targets;

    private View(Function<Object, ? extends Calculator> targets) {
      this.targets = targets;
    }

    /**
     * {@code args[0]} is the perspective; the method's arguments follow.
     */
    @Override
    public Object dispatch(int method, Object[] args) throws Throwable {
      Calculator target = targets.apply(args[0]);
      return call(Objects.requireNonNull(target, "the target for the perspective"), method, args, 1);
    }
  }

  /**
   * A {@link Calculator} handed out by PB login ({@code perspective_} methods).
   */
  public static final class Avatar implements Perspective, Skeleton {
    static {
      SkeletonMethods.register(Avatar.class, "Calculator", SHAPES);
    }

    private final Calculator_PbSkeleton skeleton;

    private Avatar(Calculator_PbSkeleton skeleton) {
      this.skeleton = skeleton;
    }

    /**
     * The object whose methods the peer calls.
     */
    @Override
    public Calculator target() {
      return skeleton.target;
    }

    @Override
    public Object dispatch(int method, Object[] args) throws Throwable {
      return skeleton.dispatch(method, args);
    }
  }
}
