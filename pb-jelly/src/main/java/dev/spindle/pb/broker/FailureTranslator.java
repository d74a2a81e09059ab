package dev.spindle.pb.broker;

/**
 * Describes exceptions of some family in Python's terms, for example cred's {@code
 * LoginException} as {@code twisted.cred.error.UnauthorizedLogin}; consulted before the default
 * mapping of Java class names. Thread-safe.
 */
@FunctionalInterface
public interface FailureTranslator {
  /** Returns the description of {@code failure}, or null if this translator does not know it. */
  PythonError translate(Throwable failure);
}
