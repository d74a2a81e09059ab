package dev.spindle.cli;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The time a command may take ({@code --timeout SECONDS}), shared by its connect and its call. */
final class Deadline {
  /** The default, when {@code --timeout} is not given. */
  static final String DEFAULT_SECONDS = "30";

  private final long end;
  private final String text;

  private Deadline(long nanos, String text) {
    this.end = System.nanoTime() + nanos;
    this.text = text;
  }

  /**
   * Parses {@code --timeout}'s value: seconds, possibly fractional, above zero.
   *
   * @throws CliException (usage) if it does not parse
   */
  static Deadline parse(String seconds) {
    String s = seconds == null ? DEFAULT_SECONDS : seconds;
    BigDecimal value;
    try {
      value = new BigDecimal(s);
    } catch (NumberFormatException e) {
      value = null;
    }
    if (value == null || value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) {
      throw CliException.usage("--timeout: " + s + " (expected: seconds above 0, such as 5 or 0.5)");
    }
    long nanos = value.movePointRight(9).longValue();
    return new Deadline(Math.max(1, nanos), s);
  }

  /**
   * Waits for {@code future} until the deadline and returns its value; rethrows its failure
   * (unwrapped, as a {@link RuntimeException}, or wrapped in one if checked).
   *
   * @throws CliException (failure) if the deadline passes first, naming {@code what}
   */
  <T> T await(CompletableFuture<T> future, String what) {
    long left = end - System.nanoTime();
    try {
      return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw CliException.failure(what + ": no answer within " + text + " s (--timeout)", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure(what + ": interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new CompletionException(cause);
    }
  }

  /** The innermost cause of a future's failure. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The message of the innermost cause (for connect failures: the operating system's words). */
  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() != null ? c.getMessage() : c.toString();
  }

  /** {@code message: cause message}, for connection failures. */
  static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
    for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && !sb.toString().contains(m)) {
        sb.append(": ").append(m);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }
}
