package dev.spindle.examples.pb;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the PB howto ports share: how they print objects and unwrap failures. */
final class Howto {
  private Howto() {}

  /**
   * How the examples print an object: its class name, as the Python counterparts do (Twisted's
   * howto prints a repr, which shows an address).
   */
  static String describe(Object o) {
    return o == null ? "None" : o.getClass().getSimpleName();
  }

  /** The failure inside a stage's {@code CompletionException} (a Deferred's errback value). */
  static Throwable cause(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
