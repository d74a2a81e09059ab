package dev.spindle.codegen;

import dev.spindle.amp.command.AmpDecimal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/** Equality that looks into records and lists and compares byte arrays by content. */
final class DeepEquals {
  private DeepEquals() {}

  static boolean deepEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof AmpDecimal x && b instanceof AmpDecimal y) {
      return x.toString().equals(y.toString()); // AmpDecimal has no equals()
    }
    if (a.getClass().isRecord() && a.getClass() == b.getClass()) {
      for (RecordComponent component : a.getClass().getRecordComponents()) {
        if (!deepEquals(get(component, a), get(component, b))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static Object get(RecordComponent component, Object record) {
    try {
      component.getAccessor().setAccessible(true);
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(e);
    }
  }
}
