package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Java stand-ins for the {@code goldens.*} Python classes of {@code generate.py}, each holding its
 * attributes like a Python {@code __dict__}, and the registries that mirror the vectors' tasters.
 */
final class Goldens {
  private Goldens() {}

  /** A Python object: a class name and a {@code __dict__}. */
  abstract static class Golden {
    final LinkedHashMap<String, Object> dict = new LinkedHashMap<>();

    abstract String pythonClass();

    @Override
    public String toString() {
      return pythonClass() + "(@" + Integer.toHexString(System.identityHashCode(this)) + ")";
    }
  }

  /** {@code goldens.Point}: a plain class; registered two-phase so it may contain itself. */
  static final class Point extends Golden {
    Point() {}

    Point(Object x, Object y) {
      dict.put("x", x);
      dict.put("y", y);
    }

    @Override
    String pythonClass() {
      return "goldens.Point";
    }
  }

  /** {@code goldens.Empty}: no attributes. */
  static final class Empty extends Golden {
    @Override
    String pythonClass() {
      return "goldens.Empty";
    }
  }

  /** {@code goldens.WithState}: {@code __getstate__} drops {@code secret}; {@code __setstate__} sets it to None. */
  static final class WithState extends Golden {
    @Override
    String pythonClass() {
      return "goldens.WithState";
    }
  }

  /** {@code goldens.SelfJelly}: a {@code jelly.Jellyable} whose {@code getStateFor} adds {@code extra}. */
  static final class SelfJelly extends Golden implements Jellyable {
    @Override
    String pythonClass() {
      return "goldens.SelfJelly";
    }

    @Override
    public Sexp jellyFor(Jellier jellier) {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("n", dict.get("n"));
      state.put("extra", ByteString.ascii("added by getStateFor"));
      return Sexp.list(Sexp.ascii(pythonClass()), jellier.jelly(state));
    }
  }

  /** Registers every golden class (allowed, since no explicit security options are given). */
  static JellyRegistry.Builder registered() {
    return JellyRegistry.builder()
        .register("goldens.Point", Point.class, p -> p.dict, Point::new, (p, s) -> p.dict.putAll(s))
        .register("goldens.Empty", Empty.class, e -> e.dict, Empty::new, (e, s) -> e.dict.putAll(s))
        .register("goldens.WithState", WithState.class,
            w -> Map.of("public", w.dict.get("public")),
            WithState::new,
            (w, s) -> {
              w.dict.putAll(s);
              w.dict.put("secret", null);
            })
        .register("goldens.SelfJelly", SelfJelly.class, j -> j.dict, SelfJelly::new, (j, s) -> j.dict.putAll(s));
  }

  /** The Python class names of the goldens. */
  static final String[] NAMES = {"goldens.Point", "goldens.Empty", "goldens.WithState", "goldens.SelfJelly"};

  /**
   * The nearest Java gets to Twisted's {@code DummySecurityOptions} (there is no allow-all): every
   * golden registered, and security as {@code allowInstancesOf} of all of them, which also allows
   * the {@code instance} and {@code class} heads.
   */
  static JellyRegistry dummyLike() {
    return withSecurity(SecurityOptions.builder().allowInstancesOf(NAMES).build());
  }

  /**
   * Twisted's {@code globalSecurity} when the vectors were generated: {@code SelfJelly} (and PB's
   * classes, not used here) registered; {@code Point}, {@code Empty}, {@code WithState} not.
   */
  static JellyRegistry globalSecurityAtGeneration() {
    return JellyRegistry.builder()
        .register("goldens.SelfJelly", SelfJelly.class, j -> j.dict, SelfJelly::new, (j, s) -> j.dict.putAll(s))
        .build();
  }

  /** A registry with every golden registered but exactly {@code security} in force. */
  static JellyRegistry withSecurity(SecurityOptions security) {
    return registered().security(security).build();
  }
}
