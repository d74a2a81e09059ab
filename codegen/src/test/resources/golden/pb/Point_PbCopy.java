package pb;

import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.typed.Elements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;

/**
 * Sends a {@link Point} by value as the Python class {@value #CLASS_NAME}.
 */
@Generated("dev.spindle.codegen.CommandProcessor")
public final class Point_PbCopy {
  /**
   * The Python class name the record is sent as.
   */
  public static final String CLASS_NAME = "shapes.Point";

  private static final UnaryOperator<Object> X = Elements.of(long.class);

  private static final UnaryOperator<Object> Y = Elements.of(int.class);

  private static final UnaryOperator<Object> LABEL = Elements.optional(Elements.of(String.class));

  private static final UnaryOperator<Object> NEIGHBOURS = Elements.list(Elements.of(Point.class));

  private Point_PbCopy() {
  }

  /**
   * Registers {@link Point} with {@code registry}, once, with the records its components use.
   *
   * @param registry the registry to add the records to
   * @return {@code registry}, for chaining
   */
  public static JellyRegistry.Builder register(JellyRegistry.Builder registry) {
    if (!registry.registers(Point.class)) {
      registry.register(CLASS_NAME, Point.class, Point_PbCopy::state, Point_PbCopy::fromState);
    }
    return registry;
  }

  private static Map<String, Object> state(Point value) {
    LinkedHashMap<String, Object> state = new LinkedHashMap<>(8);
    state.put("x", value.x());
    state.put("y", value.y());
    state.put("label", Elements.unwrap(value.label()));
    state.put("neighbours", value.neighbours());
    return state;
  }

  @SuppressWarnings("unchecked")
  private static Point fromState(Map<String, Object> state) {
    return new Point(
            (long) Elements.attribute(state, CLASS_NAME, "x", X),
            (int) Elements.attribute(state, CLASS_NAME, "y", Y),
            (Optional<String>) Elements.attribute(state, CLASS_NAME, "label", LABEL),
            (List<Point>) Elements.attribute(state, CLASS_NAME, "neighbours", NEIGHBOURS));
  }
}
