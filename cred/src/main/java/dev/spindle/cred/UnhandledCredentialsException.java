package dev.spindle.cred;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * No checker is registered for the kind of credentials presented, for example anonymous login on
 * a portal without {@link dev.spindle.cred.checkers.AllowAnonymousAccess}, or PB's
 * challenge-response on a portal whose only checker keeps salted hashes.
 *
 * <p>The message names every interface the credentials' class implements, as Twisted does: {@code
 * No checker for dev.spindle.cred.Anonymous}. {@link #twistedValue()} gives the same sentence with
 * Twisted's names for the shipped credential interfaces ({@code No checker for
 * twisted.cred.credentials.IAnonymous}), which is what PB sends.
 *
 * <p>Twisted equivalent: {@code twisted.cred.error.UnhandledCredentials}.
 */
public class UnhandledCredentialsException extends LoginException {
  private static final long serialVersionUID = 1L;

  private static final List<String> PARENTS =
      List.of(
          "twisted.cred.error.UnhandledCredentials",
          "twisted.cred.error.LoginFailed",
          "builtins.Exception",
          "builtins.BaseException",
          "builtins.object");

  /**
   * Creates an exception with {@code message}, which is also its Twisted value.
   *
   * @param message the detail message, also sent to a PB peer as the failure's value
   */
  public UnhandledCredentialsException(String message) {
    super(message);
  }

  private UnhandledCredentialsException(String message, String twistedValue) {
    super(message, twistedValue, null);
  }

  /**
   * Returns the exception for {@code credentials}: {@code No checker for <interfaces>}, listing
   * the interfaces its class and superclasses declare, in declaration order.
   *
   * @param credentials the credentials no checker handles; not null
   * @return a new exception whose Twisted value uses Twisted's interface names
   */
  public static UnhandledCredentialsException forCredentials(Credentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    List<Class<?>> provided = providedInterfaces(credentials.getClass());
    String java = provided.stream().map(Class::getName).collect(Collectors.joining(", "));
    String twisted = provided.stream().map(TwistedNames::of).collect(Collectors.joining(", "));
    return new UnhandledCredentialsException("No checker for " + java, "No checker for " + twisted);
  }

  private static List<Class<?>> providedInterfaces(Class<?> type) {
    Set<Class<?>> seen = new LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        seen.add(i);
      }
    }
    return new ArrayList<>(seen);
  }

  /** {@code twisted.cred.error.UnhandledCredentials}. */
  @Override
  public String twistedTypeName() {
    return PARENTS.get(0);
  }

  @Override
  public List<String> twistedParents() {
    return PARENTS;
  }
}
