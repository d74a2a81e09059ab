package dev.spindle.pb.jelly;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's name for the type of an unjellied value ({@code type(v).__name__}), for messages that
 * must read as CPython's do, such as {@code __dict__ must be set to a dictionary, not a 'list'}.
 */
public final class PythonTypes {
  private PythonTypes() {}

  /**
   * {@code type(value).__name__} for a value Jelly makes; the Java simple name otherwise.
   *
   * @param value any value, or {@code null} ({@code NoneType})
   * @return the Python type name, for example {@code int} or {@code list}
   */
  public static String name(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long || value instanceof BigInteger || value instanceof Integer) {
      return "int";
    }
    if (value instanceof Double) {
      return "float";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof ByteString) {
      return "bytes";
    }
    if (value instanceof Tuple) {
      return "tuple";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof Map) {
      return "dict";
    }
    if (value instanceof FrozenSet) {
      return "frozenset";
    }
    if (value instanceof Set) {
      return "set";
    }
    return value.getClass().getSimpleName();
  }

  /**
   * A state received for an object as Twisted's default {@code setCopyableState} ({@code
   * self.__dict__ = state}) takes it: a dictionary, bytes keys decoded as UTF-8.
   *
   * @param state the unjellied state, of any type
   * @return the state with text keys: {@code state} itself if all its keys are text, else a copy
   * @throws ClassCastException with CPython's text when it is not a dictionary (Python's {@code
   *     TypeError})
   * @throws IllegalArgumentException when a key is not a name
   */
  public static Map<String, Object> attributes(Object state) {
    if (!(state instanceof Map<?, ?> map)) {
      throw new ClassCastException("__dict__ must be set to a dictionary, not a '" + name(state) + "'");
    }
    boolean allText = true;
    for (Object k : map.keySet()) {
      if (!(k instanceof String)) {
        allText = false;
        break;
      }
    }
    if (allText) {
      @SuppressWarnings("unchecked")
      Map<String, Object> same = (Map<String, Object>) map;
      return same;
    }
    java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object k = e.getKey();
      if (k instanceof String s) {
        out.put(s, e.getValue());
      } else if (k instanceof ByteString b) {
        try {
          out.put(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
              .decode(java.nio.ByteBuffer.wrap(b.internalArray())).toString(), e.getValue());
        } catch (java.nio.charset.CharacterCodingException ex) {
          throw new IllegalArgumentException("attribute name must be str or UTF-8 bytes, not "
              + b.size() + " undecodable bytes", ex);
        }
      } else {
        throw new ClassCastException("attribute name must be string, not '" + name(k) + "'");
      }
    }
    return out;
  }
}
