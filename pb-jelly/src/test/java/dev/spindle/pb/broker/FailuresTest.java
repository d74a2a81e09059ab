package dev.spindle.pb.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.JellyKeyException;
import dev.spindle.pb.jelly.JellyOverflowException;
import dev.spindle.pb.jelly.MalformedJellyException;
import dev.spindle.pb.login.LoginFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** How Java exceptions are described to Python, and how received failures are read. */
class FailuresTest {
  private static final List<FailureTranslator> TRANSLATORS = List.of(LoginFailures.TRANSLATOR);
  private static final List<String> TAIL = List.of("builtins.Exception", "builtins.BaseException", "builtins.object");

  private static List<String> with(List<String> head) {
    List<String> all = new ArrayList<>(head);
    all.addAll(TAIL);
    return all;
  }

  @Test
  void javaExceptionsKeepTheirNamesAndGainPythonEquivalents() {
    PythonError e = Failures.describe(new IllegalArgumentException("boom"), TRANSLATORS);
    assertEquals("java.lang.IllegalArgumentException", e.typeName());
    assertEquals("boom", e.value());
    assertEquals(with(List.of("java.lang.IllegalArgumentException", "java.lang.RuntimeException",
        "java.lang.Exception", "java.lang.Throwable", "builtins.ValueError")), e.parents());
    assertEquals(with(List.of("java.lang.NumberFormatException", "java.lang.IllegalArgumentException",
        "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable", "builtins.ValueError")),
        Failures.describe(new NumberFormatException(), TRANSLATORS).parents());
    assertEquals("", Failures.describe(new NumberFormatException(), TRANSLATORS).value(), "no message: empty, as str()");
    assertTrue(Failures.describe(new NoSuchElementException(), TRANSLATORS).parents()
        .containsAll(List.of("builtins.KeyError", "builtins.LookupError")));
    assertTrue(Failures.describe(new ArrayIndexOutOfBoundsException(3), TRANSLATORS).parents()
        .containsAll(List.of("builtins.IndexError", "builtins.LookupError")));
    assertTrue(Failures.describe(new UnsupportedOperationException(), TRANSLATORS).parents()
        .containsAll(List.of("builtins.NotImplementedError", "builtins.RuntimeError")));
    assertTrue(Failures.describe(new IllegalStateException(), TRANSLATORS).parents().contains("builtins.RuntimeError"));
    assertTrue(Failures.describe(new ClassCastException(), TRANSLATORS).parents().contains("builtins.TypeError"));
    assertTrue(Failures.describe(new NullPointerException(), TRANSLATORS).parents().contains("builtins.TypeError"));
    assertTrue(Failures.describe(new PbArgumentException("x"), TRANSLATORS).parents().contains("builtins.TypeError"));
    assertTrue(Failures.describe(new dev.spindle.pb.jelly.InsecureJellyException("x.Y", "x.Y: not allowed"), TRANSLATORS)
        .parents().contains("twisted.spread.jelly.InsecureJelly"));
    assertEquals(with(List.of("java.lang.StackOverflowError", "java.lang.VirtualMachineError", "java.lang.Error",
        "java.lang.Throwable")), Failures.describe(new StackOverflowError(), TRANSLATORS).parents());
  }

  /** A subclass of PbError, as a Python subclass of pb.Error. */
  static final class Refused extends PbError {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("refused");
    }
  }

  @Test
  void pbErrorIsTwistedsPbError() {
    PythonError e = Failures.describe(new PbError("nope"), TRANSLATORS);
    assertEquals("twisted.spread.pb.Error", e.typeName());
    assertEquals(with(List.of("twisted.spread.pb.Error")), e.parents());
    PythonError sub = Failures.describe(new Refused(), TRANSLATORS);
    assertEquals(Refused.class.getName(), sub.typeName());
    assertEquals(with(List.of(Refused.class.getName(), "twisted.spread.pb.Error")), sub.parents());
  }

  @Test
  void loginExceptionsTravelUnderTwistedsNames() {
    // As in pb-messages.json, session cred-login.
    PythonError e = Failures.describe(new UnauthorizedLoginException(), TRANSLATORS);
    assertEquals("twisted.cred.error.UnauthorizedLogin", e.typeName());
    assertEquals("", e.value());
    assertEquals(with(List.of("twisted.cred.error.UnauthorizedLogin", "twisted.cred.error.LoginFailed",
        "twisted.cred.error.Unauthorized")), e.parents());
    PythonError u = Failures.describe(
        new UnhandledCredentialsException("No checker for twisted.cred.credentials.IAnonymous"), TRANSLATORS);
    assertEquals("twisted.cred.error.UnhandledCredentials", u.typeName());
    assertEquals(with(List.of("twisted.cred.error.UnhandledCredentials", "twisted.cred.error.LoginFailed")), u.parents());
    assertNull(LoginFailures.TRANSLATOR.translate(new IllegalStateException()));
  }

  @Test
  void remoteFailuresPassThroughUnchanged() {
    RemotePbException r = new RemotePbException("builtins.KeyError", "'missing'",
        List.of("builtins.KeyError", "builtins.LookupError", "builtins.Exception", "builtins.BaseException", "builtins.object"), null);
    PythonError e = Failures.describe(r, TRANSLATORS);
    assertEquals("builtins.KeyError", e.typeName());
    assertEquals("'missing'", e.value());
    assertEquals(r.parents(), e.parents());
    assertEquals(with(List.of("x.Y")), Failures.describe(new RemotePbException("x.Y", "", List.of(), null), TRANSLATORS).parents());
  }

  @Test
  void anEmptyValueLeavesNoDanglingColonInTheMessage() {
    assertEquals("twisted.cred.error.UnauthorizedLogin",
        new RemotePbException("twisted.cred.error.UnauthorizedLogin", "", List.of(), null).getMessage());
    assertEquals("builtins.ValueError: boom",
        new RemotePbException("builtins.ValueError", "boom", List.of(), null).getMessage());
  }

  @Test
  void theStateHasEveryKeyTwistedSendsInItsOrder() {
    Map<String, Object> s = Failures.state(Failures.describe(new PbError("x"), TRANSLATORS), 7, false, new PbError("x"));
    assertEquals(List.of("count", "type", "value", "captureVars", "frames", "stack", "tb", "parents",
        "unsafeTracebacks", "traceback"), List.copyOf(s.keySet()));
    assertEquals(ByteString.encodeUtf8("twisted.spread.pb.Error"), s.get("type"), "type is bytes");
    assertEquals("x", s.get("value"));
    assertEquals("Traceback unavailable\n", s.get("traceback"));
    assertTrue(s.get("frames") != s.get("stack"), "two lists, or Jelly would share them");
  }

  @Test
  void textThatJellyCannotSendIsRepaired() {
    assertEquals("a\ufffdb", Failures.text("a\ud800b"));
    assertEquals("\ud83d\ude00", Failures.text("\ud83d\ude00"));
    assertEquals(Failures.MAX_TEXT + 3, Failures.text("x".repeat(Failures.MAX_TEXT + 10)).length());
  }

  @Test
  void receivedStateBecomesARemotePbException() {
    RemotePbException r = Failures.fromState(Map.of(
        "type", ByteString.ascii("builtins.ValueError"), "value", "boom",
        "parents", List.of("builtins.ValueError", "builtins.Exception"), "traceback", "tb"));
    assertEquals("builtins.ValueError", r.typeName());
    assertEquals("boom", r.value());
    assertEquals("tb", r.remoteTraceback());
    assertTrue(r.check("builtins.Exception"));
    assertTrue(!r.check("builtins.KeyError"));
    assertEquals("builtins.ValueError: boom", r.getMessage());
  }

  /** Malformed input carries the builtin Twisted raises for it first, and only Python's parents of it. */
  @Test
  void malformedInputCarriesTwistedsBuiltin() {
    List<String> plain = Failures.describe(new MalformedJellyException("x"), TRANSLATORS).parents();
    assertEquals(with(List.of("dev.spindle.pb.jelly.MalformedJellyException", "dev.spindle.pb.jelly.JellyException",
        "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable", "builtins.ValueError")), plain);
    List<String> key = Failures.describe(new JellyKeyException("cached: no cache 5"), TRANSLATORS).parents();
    assertEquals("dev.spindle.pb.jelly.JellyKeyException", key.get(0));
    assertEquals(with(List.of("builtins.KeyError", "builtins.LookupError")),
        key.subList(key.indexOf("builtins.KeyError"), key.size()), "KeyError is no ValueError in Python");
    List<String> overflow = Failures.describe(new JellyOverflowException("timedelta"), TRANSLATORS).parents();
    assertEquals(with(List.of("builtins.OverflowError", "builtins.ArithmeticError")),
        overflow.subList(overflow.indexOf("builtins.OverflowError"), overflow.size()));
    List<String> unicode = Failures.describe(new MalformedJellyException("utf-8",
        new java.nio.charset.MalformedInputException(1)), TRANSLATORS).parents();
    assertEquals(with(List.of("builtins.UnicodeDecodeError", "builtins.UnicodeError", "builtins.ValueError")),
        unicode.subList(unicode.indexOf("builtins.UnicodeDecodeError"), unicode.size()));
  }
}
