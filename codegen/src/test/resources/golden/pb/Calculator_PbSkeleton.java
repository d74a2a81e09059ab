package pb;

import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.MethodShape;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.flavors.Skeleton;
import dev.spindle.pb.flavors.SkeletonMethods;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.login.Perspective;
import dev.spindle.pb.typed.Elements;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Exposes a {@link Calculator} to PB peers: publish it as the root, send it as a Referenceable, or
 * hand out {@link #avatar} at login ({@code perspective_} methods).
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

  static {
    SkeletonMethods.register(Calculator_PbSkeleton.class, "Calculator", SHAPES);
  }

  private final Calculator target;

  private Calculator_PbSkeleton(Calculator target) {
    this.target = target;
  }

  /**
   * The skeleton calling {@code target}.
   */
  public static Calculator_PbSkeleton of(Calculator target) {
    return new Calculator_PbSkeleton(Objects.requireNonNull(target, "target"));
  }

  /**
   * The object whose methods the peer calls.
   */
  public Calculator target() {
    return target;
  }

  /**
   * {@code target} as a PB login avatar: the peer calls its methods as {@code perspective_<name>}.
   */
  public static Avatar avatar(Calculator target) {
    return new Avatar(of(target));
  }

  /**
   * Registers with {@code registry} the records {@link Calculator} sends by value; returns {@code registry}.
   */
  public static JellyRegistry.Builder registerCopies(JellyRegistry.Builder registry) {
    Point_PbCopy.register(registry);
    return registry;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object dispatch(int method, Object[] args) throws Throwable {
    switch (method) {
      case 0:
        return Skeleton.settled(target.add((long) args[0], (long) args[1]));
      case 1:
        return Skeleton.settled(target.div((double) args[0], (double) args[1], (boolean) args[2]));
      case 2:
        return Skeleton.settled(target.sum((long[]) args[0]));
      case 3:
        return Skeleton.settled(target.groups((List<Long>) args[0], (Optional<String>) args[1]));
      case 4:
        target.reset();
        return null;
      case 5:
        return Skeleton.settled(target.middle((Point) args[0], (Point) args[1]));
      case 6:
        target.log((String) args[0], (String) args[1]);
        return null;
      default:
        throw new IllegalArgumentException("no remote method number " + method);
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
    public Calculator target() {
      return skeleton.target;
    }

    @Override
    public Object dispatch(int method, Object[] args) throws Throwable {
      return skeleton.dispatch(method, args);
    }
  }
}
