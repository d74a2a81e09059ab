package dev.spindle.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.pb.exceptions.PbConversionException;
import dev.spindle.pb.jelly.FrozenSet;
import dev.spindle.pb.jelly.Tuple;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Element conversions of generic remote-interface types, and the paths their failures name. */
class ElementsTest {
  private static final UnaryOperator<Object> INTS = Elements.list(Elements.of(Integer.class));
  private static final UnaryOperator<Object> GROUPS =
      Elements.map(Elements.of(String.class), Elements.list(Elements.of(Long.class)));

  private static PbConversionException fails(UnaryOperator<Object> convert, Object value) {
    return assertThrows(PbConversionException.class, () -> convert.apply(value));
  }

  @Test
  void convertsEachElementWithItsRangeChecks() {
    assertEquals(List.of(1, -2), INTS.apply(List.of(1L, -2L)));
    assertEquals(List.of(3, 4), INTS.apply(Tuple.of(3L, 4L)));
    assertEquals(Map.of("a", List.of(1L)), GROUPS.apply(Map.of("a", List.of(1L))));
    assertEquals(Set.of(1.0, 2.5), Elements.set(Elements.of(Double.class))
        .apply(FrozenSet.of(1L, 2.5)));
    assertNull(INTS.apply(null));
    assertEquals(Arrays.asList(1, null), INTS.apply(Arrays.asList(1L, null)));
  }

  @Test
  void aFailureNamesTheElementPath() {
    PbConversionException e = fails(INTS, List.of(1L, 1L << 31));
    assertEquals("[1]", e.path());
    assertEquals("value 2147483648 out of range for Integer (expected: -2147483648..2147483647)",
        e.problem());
    assertNull(e.where());

    LinkedHashMap<Object, Object> groups = new LinkedHashMap<>();
    groups.put("a", List.of(1L));
    groups.put("b", List.of(2L, "x"));
    assertEquals("['b'][1]: expected Long, got str 'x'", fails(GROUPS, groups).getMessage());
    assertEquals("<key 7>: expected String, got int 7", fails(GROUPS, Map.of(7L, List.of()))
        .getMessage());
    assertEquals("['a']: expected List, got int 1", fails(GROUPS, Map.of("a", 1L)).getMessage());
    assertEquals("<element 3>: expected String, got int 3",
        fails(Elements.set(Elements.of(String.class)), Set.of(3L)).getMessage());
    assertEquals("expected List, got str 'x'", fails(INTS, "x").getMessage());
    assertEquals("result of I.m: [0]: expected Integer, got str 'y'",
        fails(INTS, List.of("y")).in("result of I.m").getMessage());
  }

  @Test
  void optionalIsNoneOrAConvertedValue() {
    UnaryOperator<Object> maybe = Elements.optional(Elements.of(Double.class));
    assertEquals(Optional.empty(), maybe.apply(null));
    assertEquals(Optional.of(2.0), maybe.apply(2L));
    assertEquals("expected Double, got str 'z'", fails(maybe, "z").getMessage());
    assertNull(Elements.unwrap(Optional.empty()));
    assertNull(Elements.unwrap(null));
    assertEquals("v", Elements.unwrap(Optional.of("v")));
  }

  @Test
  void aCopyAttributeIsConvertedOrNamedMissing() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("x", 300L);
    state.put("label", null);
    assertEquals(300L, Elements.attribute(state, "shapes.Point", "x", Elements.of(long.class)));
    assertNull(Elements.attribute(state, "shapes.Point", "label", Elements.of(String.class)));
    assertEquals("copy of shapes.Point: .x: value 300 out of range for Byte (expected:"
        + " -128..127)", assertThrows(PbConversionException.class, () -> Elements.attribute(
            state, "shapes.Point", "x", Elements.of(Byte.class))).getMessage());
    assertEquals("copy of shapes.Point: missing attribute 'y'", assertThrows(
        PbConversionException.class, () -> Elements.attribute(state, "shapes.Point", "y",
            Elements.of(long.class))).getMessage());
  }
}
