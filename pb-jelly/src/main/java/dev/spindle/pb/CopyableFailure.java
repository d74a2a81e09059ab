package dev.spindle.pb;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Failures;
import dev.spindle.pb.broker.PythonError;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.Jellyable;
import java.util.List;
import java.util.Objects;

/**
 * A failure sent as a value: Twisted's {@code pb.CopyableFailure}, as an argument or an answer
 * rather than as the error of a call. A Buildbot worker reports a command that could not start
 * with {@code command.callRemote("complete", CopyableFailure.of(e))}, as its Python twin does
 * with {@code callRemote("complete", pb.CopyableFailure(failure))}. Received from a peer as a
 * value ({@code ["twisted.spread.pb.CopyableFailure", state]}), it arrives as this class; as the
 * error of a call it arrives as a {@link RemotePbException} ({@link #toException()}).
 *
 * <pre>{@code
 * ref.callRemote("complete", CopyableFailure.of(new IllegalArgumentException("no such file")));
 * public Object remote_complete(CopyableFailure failure) {
 *   if (failure.check("builtins.ValueError")) { ... }
 * }
 * }</pre>
 *
 * <p>The state sent has Twisted's ten keys in Twisted's order; the Python receiver gets a {@code
 * CopiedFailure} whose {@code trap} and {@code check} see {@link #parents()}. Immutable and
 * thread-safe.
 */
public final class CopyableFailure implements Jellyable {
  private final String typeName;
  private final String value;
  private final List<String> parents;
  private final String traceback;
  /** The Java exception it describes, when made from one: named again with the connection's names. */
  private final Throwable cause;

  private CopyableFailure(String typeName, String value, List<String> parents, String traceback, Throwable cause) {
    this.typeName = Objects.requireNonNull(typeName, "typeName");
    this.value = value == null ? "" : value;
    this.parents = List.copyOf(parents);
    this.traceback = traceback;
    this.cause = cause;
  }

  /**
   * The failure of {@code exception}, named as a remote method's exception is: its {@link
   * dev.spindle.pb.flavors.PythonName @PythonName}, built-in equivalents ({@code
   * IllegalArgumentException} has {@code builtins.ValueError} among its parents), and, when it is
   * sent, the connection's {@code pythonName} mappings. A {@link RemotePbException} keeps the
   * remote type, value and parents. The Java stack trace is not sent.
   *
   * @param exception the exception to describe; its stack trace is not sent
   * @return the failure, named as the exception would be if a remote method threw it
   */
  public static CopyableFailure of(Throwable exception) {
    Objects.requireNonNull(exception, "exception");
    PythonError e = Failures.describe(exception, (Object) null);
    String tb = exception instanceof RemotePbException r ? r.remoteTraceback() : null;
    return new CopyableFailure(e.typeName(), e.value(), e.parents(), tb, exception);
  }

  /**
   * A failure described by hand, for example {@code of("builtins.ValueError", "bad size",
   * List.of("builtins.ValueError", "builtins.Exception", "builtins.BaseException",
   * "builtins.object"))}.
   *
   * @param typeName the Python qualified type name
   * @param value the text ({@code str(exception)})
   * @param parents the type and its ancestors, most specific first; empty: the type, then {@code
   *     builtins.Exception}, {@code builtins.BaseException}, {@code builtins.object}
   * @return the failure
   */
  public static CopyableFailure of(String typeName, String value, List<String> parents) {
    return of(typeName, value, parents, null);
  }

  /**
   * As {@link #of(String, String, List)}, with the traceback text to send (null: {@code "Traceback
   * unavailable\n"}).
   *
   * @param typeName the Python qualified type name
   * @param value the text ({@code str(exception)}); null is empty
   * @param parents the type and its ancestors, most specific first; empty: the type, then {@code
   *     builtins.Exception}, {@code builtins.BaseException}, {@code builtins.object}
   * @param traceback the traceback text to send, or {@code null}
   * @return the failure
   */
  public static CopyableFailure of(String typeName, String value, List<String> parents, String traceback) {
    List<String> all = parents;
    if (parents.isEmpty()) {
      all = List.of(typeName, "builtins.Exception", "builtins.BaseException", "builtins.object");
    }
    return new CopyableFailure(typeName, value, all, traceback, null);
  }

  /** A received {@code CopyableFailure} as a value (for the broker). */
  static CopyableFailure received(RemotePbException e) {
    return of(e.typeName(), e.value(), e.parents(), e.remoteTraceback());
  }

  /** {@return the Python type name, for example {@code builtins.ValueError}} */
  public String typeName() {
    return typeName;
  }

  /** {@return the text, Python's {@code str(exception)}; empty if none} */
  public String value() {
    return value;
  }

  /** {@return the type and its ancestors, most specific first} */
  public List<String> parents() {
    return parents;
  }

  /**
   * {@return the traceback text the peer sent, or null ({@code "Traceback unavailable\n"} is sent
   * for null)}
   */
  public String traceback() {
    return traceback;
  }

  /**
   * Returns true if any of {@code typeNames} is the type or one of its parents: Twisted's {@code
   * check}.
   *
   * @param typeNames qualified Python type names, for example {@code builtins.ValueError}
   * @return true if the type is, or derives from, one of {@code typeNames}
   */
  public boolean check(String... typeNames) {
    for (String t : typeNames) {
      if (t.equals(typeName) || parents.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * This failure as the exception a failed call completes with.
   *
   * @return a new exception holding this failure's type, value, parents and traceback
   */
  public RemotePbException toException() {
    return new RemotePbException(typeName, value, parents, traceback);
  }

  /** Writes {@code ["twisted.spread.pb.CopyableFailure", state]}, Twisted's ten keys. */
  @Override
  public Sexp jellyFor(Jellier jellier) {
    PythonError e = cause != null && !(cause instanceof RemotePbException)
        ? Failures.describe(cause, jellier.invoker())
        : new PythonError(typeName, value, parents);
    return Sexp.list(Sexp.ascii("twisted.spread.pb.CopyableFailure"),
        jellier.jelly(Failures.state(e, traceback)));
  }

  /** Copies are independent: written again at each occurrence. */
  @Override
  public boolean tracksIdentity(Jellier jellier) {
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CopyableFailure f && typeName.equals(f.typeName) && value.equals(f.value)
        && parents.equals(f.parents) && Objects.equals(traceback, f.traceback);
  }

  @Override
  public int hashCode() {
    return Objects.hash(typeName, value, parents, traceback);
  }

  @Override
  public String toString() {
    return "CopyableFailure{" + typeName + ": " + value + "}";
  }
}
