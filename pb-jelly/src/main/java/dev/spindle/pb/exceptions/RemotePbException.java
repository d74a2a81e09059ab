package dev.spindle.pb.exceptions;

import java.util.List;
import java.util.Objects;

/**
 * A failure that came from the peer: the remote method raised, or the call could not be made
 * there (no such object or method, bad arguments). It carries what Twisted's {@code
 * CopyableFailure} carries: the remote exception's qualified type name, its text, its class
 * hierarchy and (if the peer sends tracebacks) the remote traceback. Twisted equivalent: {@code
 * pb.CopiedFailure}.
 *
 * <pre>{@code
 * ref.callRemote("divide", 1, 0).exceptionally(t -> {
 *   if (t instanceof RemotePbException e && e.check("builtins.ZeroDivisionError")) { ... }
 * });
 * }</pre>
 *
 * <p>A remote exception that was sent as itself (a Copyable exception) arrives as this too,
 * {@link #typeName()} being its copy type, unless a class registered for that name in the
 * connection's {@code JellyRegistry} rebuilds it into a {@code Throwable}; then that instance is
 * the failure. Thrown from a local remote method, a {@code RemotePbException} is sent on under its
 * original type name, value and parents (a proxy passes failures through).
 *
 * <p>Immutable.
 */
public class RemotePbException extends PbException {
  private static final long serialVersionUID = 1L;

  /** The remote type's qualified name; see {@link #typeName()}. */
  private final String typeName;
  /** The remote {@code str(exception)}, never null; see {@link #value()}. */
  private final String value;
  /** The remote class hierarchy; see {@link #parents()}. */
  private final List<String> parents;
  /** The remote traceback, or {@code null}; see {@link #remoteTraceback()}. */
  private final String remoteTraceback;

  /**
   * Creates the exception.
   *
   * @param typeName the remote exception's qualified type, for example {@code builtins.ValueError}
   * @param value the remote {@code str(exception)}, possibly empty
   * @param parents the remote class hierarchy, most specific first (may be empty)
   * @param remoteTraceback the remote traceback text, or null
   */
  public RemotePbException(String typeName, String value, List<String> parents, String remoteTraceback) {
    // As Python prints an exception: "UnauthorizedLogin", not "UnauthorizedLogin: ", when empty.
    super(value == null || value.isEmpty() ? typeName : typeName + ": " + value);
    this.typeName = Objects.requireNonNull(typeName, "typeName");
    this.value = value == null ? "" : value;
    this.parents = List.copyOf(parents);
    this.remoteTraceback = remoteTraceback;
  }

  /**
   * {@return the remote exception's qualified type name, for example {@code builtins.ValueError}}
   */
  public String typeName() {
    return typeName;
  }

  /** {@return the remote exception's text ({@code str(exception)}); empty if it had none} */
  public String value() {
    return value;
  }

  /**
   * {@return the qualified names of the remote exception's class and its ancestors, most specific
   * first (for Twisted, ending {@code builtins.BaseException}, {@code builtins.object}); empty if
   * the peer sent none}
   */
  public List<String> parents() {
    return parents;
  }

  /**
   * {@return the remote traceback as the peer formatted it: Twisted sends {@code "Traceback
   * unavailable\n"} unless its factory has {@code unsafeTracebacks}; null if none was sent}
   */
  public String remoteTraceback() {
    return remoteTraceback;
  }

  /**
   * Returns true if any of {@code typeNames} is the remote type or one of its parents: Twisted's
   * {@code Failure.check}.
   *
   * @param typeNames qualified Python type names, for example {@code builtins.KeyError}
   * @return true if the remote type is, or derives from, one of {@code typeNames}
   */
  public boolean check(String... typeNames) {
    for (String t : typeNames) {
      if (typeName.equals(t) || parents.contains(t)) {
        return true;
      }
    }
    return false;
  }
}
