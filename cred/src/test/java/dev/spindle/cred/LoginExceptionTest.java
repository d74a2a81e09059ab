package dev.spindle.cred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginExceptionTest {
  /** One CopyableFailure from the vectors: its type, value and parents. */
  record Failure(String type, String value, List<String> parents) {}

  /** The CopyableFailures the Twisted server of session cred-login sent. */
  private static List<Failure> credLoginFailures() {
    List<Failure> out = new ArrayList<>();
    for (PbVectors.Message m : PbVectors.messages(PbVectors.session("cred-login"))) {
      if (!m.kind().equals("error")) {
        continue;
      }
      List<?> copyable = (List<?>) m.list().get(2);
      assertEquals("twisted.spread.pb.CopyableFailure", PbVectors.text(copyable.get(0)));
      List<?> dict = (List<?>) copyable.get(1);
      String type = null;
      String value = null;
      List<String> parents = new ArrayList<>();
      for (Object item : dict.subList(1, dict.size())) {
        List<?> pair = (List<?>) item;
        String key = PbVectors.text(((List<?>) pair.get(0)).get(1));
        Object v = pair.get(1);
        switch (key) {
          case "type" -> type = PbVectors.text(v);
          case "value" -> value = PbVectors.text(((List<?>) v).get(1));
          case "parents" -> {
            List<?> l = (List<?>) v;
            for (Object p : l.subList(1, l.size())) {
              parents.add(PbVectors.text(((List<?>) p).get(1)));
            }
          }
          default -> {}
        }
      }
      out.add(new Failure(type, value, parents));
    }
    return out;
  }

  private static Failure asSent(LoginException e) {
    return new Failure(e.twistedTypeName(), e.twistedValue(), e.twistedParents());
  }

  @Test
  void unauthorizedLoginMatchesWhatTwistedSends() {
    List<Failure> sent = credLoginFailures();
    Failure unauthorized = asSent(new UnauthorizedLoginException());
    assertEquals(
        2,
        sent.stream().filter(f -> f.type().equals("twisted.cred.error.UnauthorizedLogin")).count());
    for (Failure f : sent) {
      if (f.type().equals("twisted.cred.error.UnauthorizedLogin")) {
        assertEquals(f, unauthorized);
      }
    }
  }

  @Test
  void unhandledCredentialsMatchesWhatTwistedSends() {
    Failure twisted =
        credLoginFailures().stream()
            .filter(f -> f.type().equals("twisted.cred.error.UnhandledCredentials"))
            .findFirst()
            .orElseThrow();
    assertEquals(twisted, asSent(UnhandledCredentialsException.forCredentials(Anonymous.INSTANCE)));
  }

  /** Checked with Twisted 22.4: [reflect.qual(k) for k in LoginDenied.__mro__]. */
  @Test
  void loginDeniedParents() {
    LoginDeniedException e = new LoginDeniedException("no");
    assertEquals("twisted.cred.error.LoginDenied", e.twistedTypeName());
    assertEquals(
        List.of(
            "twisted.cred.error.LoginDenied",
            "twisted.cred.error.LoginFailed",
            "builtins.Exception",
            "builtins.BaseException",
            "builtins.object"),
        e.twistedParents());
    assertEquals("no", e.twistedValue());
    assertEquals("", new LoginDeniedException().twistedValue());
  }

  @Test
  void loginFailedParents() {
    LoginException e = new LoginException("x");
    assertEquals("twisted.cred.error.LoginFailed", e.twistedTypeName());
    assertEquals(
        List.of(
            "twisted.cred.error.LoginFailed",
            "builtins.Exception",
            "builtins.BaseException",
            "builtins.object"),
        e.twistedParents());
  }

  @Test
  void unauthorizedLoginHasAFixedJavaMessageAndAnEmptyTwistedValue() {
    UnauthorizedLoginException e = new UnauthorizedLoginException();
    assertEquals("unauthorized login", e.getMessage());
    assertEquals("", e.twistedValue());
    assertEquals("x", new UnauthorizedLoginException("x").twistedValue());
  }

  @Test
  void everyLoginExceptionIsUnchecked() {
    assertTrue(RuntimeException.class.isAssignableFrom(LoginException.class));
    assertTrue(LoginException.class.isAssignableFrom(UnauthorizedLoginException.class));
    assertTrue(LoginException.class.isAssignableFrom(UnhandledCredentialsException.class));
    assertTrue(LoginException.class.isAssignableFrom(LoginDeniedException.class));
  }
}
