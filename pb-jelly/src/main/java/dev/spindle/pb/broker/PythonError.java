package dev.spindle.pb.broker;

import java.util.List;
import java.util.Objects;

/**
 * How an exception is described to a Python peer in a {@code CopyableFailure}: its qualified type
 * name, its {@code str()} and its class hierarchy (most specific first, ending {@code
 * builtins.Exception}, {@code builtins.BaseException}, {@code builtins.object}).
 *
 * @param typeName sent as {@code type} (bytes)
 * @param value sent as {@code value} (str)
 * @param parents sent as {@code parents} (a list of str)
 */
public record PythonError(String typeName, String value, List<String> parents) {
  /** Creates the description. */
  public PythonError {
    Objects.requireNonNull(typeName, "typeName");
    value = value == null ? "" : value;
    parents = List.copyOf(parents);
  }
}
