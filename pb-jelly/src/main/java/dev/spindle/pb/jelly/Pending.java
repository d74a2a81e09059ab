package dev.spindle.pb.jelly;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * A reference number used by {@code ["dereference", n]} before {@code ["reference", n, ...]}
 * defined it: Twisted's {@code _Dereference} placeholder. Containers that received it register a
 * patch, which runs once the reference is defined.
 */
final class Pending {
  final long id;
  private final ArrayList<Consumer<Object>> patches = new ArrayList<>(2);

  Pending(long id) {
    this.id = id;
  }

  void add(Consumer<Object> patch) {
    patches.add(patch);
  }

  void resolve(Object value) {
    for (Consumer<Object> p : patches) {
      p.accept(value);
    }
    patches.clear();
  }
}
