package dev.spindle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spindle command against real Twisted 22.4 AMP and PB servers (the interop tests' peers). */
@Tag("interop")
@Timeout(120)
class TwistedInteropTest {
  private static TwistedServer amp;
  private static TwistedServer pb;
  private static TwistedServer login;

  @BeforeAll
  static void start() throws Exception {
    amp = TwistedServer.start("amp_peer.py");
    pb = TwistedServer.start("pb_peer.py");
    login = TwistedServer.start("pb_login_peer.py");
  }

  @AfterAll
  static void stop() throws Exception {
    for (TwistedServer s : new TwistedServer[] {amp, pb, login}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void ampSum() {
    Cli.Result r = Cli.run("amp", "call", amp.address(), "Sum", "a=integer:13", "b=integer:81",
        "--response", "total=integer");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("total=94\n", r.out());
  }

  @Test
  void ampDeclaredError() {
    Cli.Result r = Cli.run("amp", "call", amp.address(), "Divide", "numerator=integer:1", "denominator=integer:0");
    assertEquals(1, r.exit(), r::toString);
    assertEquals("spindle amp call: remote error ZERO_DIVISION: division by zero\n", r.err());
  }

  @Test
  void ampUnhandled() {
    Cli.Result r = Cli.run("amp", "call", amp.address(), "Nope");
    assertEquals(1, r.exit(), r::toString);
    assertEquals("spindle amp call: remote error UNHANDLED: Unhandled Command: b'Nope'\n", r.err());
  }

  @Test
  void ampRawLowLevelResponder() {
    Cli.Result r = Cli.run("amp", "call", "--raw", amp.address(), "_command=PING", "_ask=k", "payload=abc");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("_answer=b'k'\npong=b'abc'\n", r.out());
  }

  /** Twisted parses each value with its own argument type and writes it back: the bytes survive. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "EchoInteger       | integer:-123456789012345678901234567890 | integer        | -123456789012345678901234567890",
      "EchoString        | string:hex:00ff                        | string         | b'\\x00\\xff'",
      "EchoUnicode       | unicode:h\u00e9llo \u2603              | unicode        | 'h\u00e9llo \u2603'",
      "EchoBoolean       | boolean:false                          | boolean        | False",
      "EchoFloat         | float:1e16                             | float          | 1e+16",
      "EchoFloat         | float:-0.0                             | float          | -0.0",
      "EchoFloat         | float:nan                              | float          | nan",
      "EchoDecimal       | decimal:-1.250                         | decimal        | -1.250",
      "EchoDecimal       | decimal:-Infinity                      | decimal        | -Infinity",
      "EchoDateTime      | datetime:2022-04-01T12:30:45.123456Z   | datetime       | 2022-04-01T12:30:45.123456+00:00",
      "EchoDateTime      | datetime:2022-04-01T12:30:45-05:30     | datetime       | 2022-04-01T12:30:45.000000-05:30",
      "EchoPath          | path:/srv/./data                       | path           | '/srv/data'",
      "EchoListOfInteger | listof-integer:1,-2,3                  | listof-integer | [1, -2, 3]",
      "EchoListOfUnicode | listof-unicode:a\\,b,\u00e9            | listof-unicode | ['a,b', '\u00e9']",
      "EchoListOfFloat   | listof-float:0.1,inf                   | listof-float   | [0.1, inf]",
      "EchoListOfString  | listof-string:                         | listof-string  | []",
  })
  void ampTypedValuesSurviveTwisted(String command, String argument, String type, String shown) {
    Cli.Result r = Cli.run("amp", "call", amp.address(), command, "value=" + argument, "--response", "value=" + type);
    assertEquals(0, r.exit(), r::toString);
    assertEquals("value=" + shown + "\n", r.out());
  }

  @Test
  void pbEcho() {
    Cli.Result r = Cli.run("pb", "call", pb.address(), "echo",
        "[1, \"two\", b\"three\", (4,), {\"k\": {5}}, frozenset{6}, null, true, 2.5, Decimal(\"1.10\")]");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("[1, 'two', b'three', (4,), {'k': {5}}, frozenset({6}), None, True, 2.5, Decimal('1.10')]\n", r.out());
  }

  @Test
  void pbKeywords() {
    Cli.Result r = Cli.run("pb", "call", pb.address(), "add", "1", "b=2");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("3\n", r.out());
  }

  @Test
  void pbRemoteFailure() {
    Cli.Result r = Cli.run("pb", "call", pb.address(), "fail", "'boom'");
    assertEquals(1, r.exit(), r::toString);
    assertEquals("spindle pb call: remote error builtins.ValueError: boom\n", r.err());
  }

  @Test
  void pbReferenceResult() {
    Cli.Result r = Cli.run("pb", "call", pb.address(), "getChild");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("<RemoteReference "), r::toString);
  }

  @Test
  void pbLogin() {
    Cli.Result r = Cli.run(Map.of("SPINDLE_PASSWORD", "secret"), new byte[0], null,
        "pb", "call", "--login", "alice", login.address(), "whoami");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("b'alice'\n", r.out());
  }

  @Test
  void pbLoginRefused() {
    Cli.Result r = Cli.run(Map.of("SPINDLE_PASSWORD", "wrong"), new byte[0], null,
        "pb", "call", "--login", "alice", login.address(), "whoami");
    assertEquals(1, r.exit(), r::toString);
    assertEquals("spindle pb call: login refused: twisted.cred.error.UnauthorizedLogin\n", r.err());
  }
}
