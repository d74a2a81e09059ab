package dev.spindle.pb.broker;

import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.PythonName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Python names of Java exception classes (from the builders' {@code pythonName} and {@link
 * PythonName @PythonName}), and the Java exceptions received Python types are read into (the
 * builders' {@code remoteException}). Immutable and thread-safe.
 */
public final class PythonNames {
  static final PythonNames NONE = new PythonNames(Map.of(), Map.of());

  private final Map<Class<?>, List<String>> names;
  private final Map<String, Function<? super RemotePbException, ? extends Throwable>> readers;

  private PythonNames(Map<Class<?>, List<String>> names,
      Map<String, Function<? super RemotePbException, ? extends Throwable>> readers) {
    this.names = names;
    this.readers = readers;
  }

  /** An empty set of names, to add to. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Python type and parents {@code c} goes out as (its {@code pythonName} mapping, else its
   * {@code @PythonName}), or null if it keeps its Java name.
   */
  List<String> of(Class<?> c) {
    List<String> mapped = names.get(c);
    if (mapped != null) {
      return mapped;
    }
    PythonName a = c.getAnnotation(PythonName.class);
    if (a == null) {
      return null;
    }
    List<String> out = new ArrayList<>(1 + a.parents().length);
    out.add(a.value());
    Collections.addAll(out, a.parents());
    return out;
  }

  /**
   * The Java exception a received failure is read into: made by the reader of its most specific
   * type (or parent) that has one, with the failure as its cause; the failure itself otherwise.
   */
  Throwable read(Throwable received) {
    if (readers.isEmpty() || !(received instanceof RemotePbException e)) {
      return received;
    }
    List<String> types = e.parents().isEmpty() ? List.of(e.typeName()) : e.parents();
    for (String type : types) {
      Function<? super RemotePbException, ? extends Throwable> reader = readers.get(type);
      if (reader != null) {
        Throwable t;
        try {
          t = reader.apply(e);
        } catch (RuntimeException x) {
          x.addSuppressed(e);
          return x;
        }
        if (t == null) {
          return e;
        }
        if (t != e && t.getCause() == null) {
          try {
            t.initCause(e);
          } catch (IllegalStateException ignored) {
            // the exception fixed its cause (null) in its constructor
          }
        }
        return t;
      }
    }
    return e;
  }

  /** Builds {@link PythonNames}. Not thread-safe. */
  public static final class Builder {
    private final LinkedHashMap<Class<?>, List<String>> names = new LinkedHashMap<>();
    private final LinkedHashMap<String, Function<? super RemotePbException, ? extends Throwable>> readers =
        new LinkedHashMap<>();

    private Builder() {}

    /** Sends {@code type} (exactly that class) as {@code name}, deriving from {@code parents}. */
    public Builder name(Class<? extends Throwable> type, String name, List<String> parents) {
      List<String> all = new ArrayList<>(1 + parents.size());
      all.add(check(name));
      for (String p : parents) {
        all.add(check(p));
      }
      names.put(type, List.copyOf(all));
      return this;
    }

    /** Reads a received failure of Python type {@code pythonType} (or a subclass) with {@code reader}. */
    public Builder reader(String pythonType, Function<? super RemotePbException, ? extends Throwable> reader) {
      readers.put(check(pythonType), java.util.Objects.requireNonNull(reader, "reader"));
      return this;
    }

    private static String check(String name) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("Python type name: " + name + " (expected: module.Class)");
      }
      return name;
    }

    public PythonNames build() {
      return names.isEmpty() && readers.isEmpty() ? NONE
          : new PythonNames(Map.copyOf(names), Collections.unmodifiableMap(new LinkedHashMap<>(readers)));
    }
  }
}
