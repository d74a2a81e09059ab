package dev.spindle.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.ArgumentTypes;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code spindle amp call} against a Java AmpServer with a hand-made box-level locator. */
@LeakChecked
@Timeout(60)
class AmpCallTest {
  private static AmpServer server;
  private static String address;
  private static volatile CompletableFuture<AmpBox> recorded = new CompletableFuture<>();

  @BeforeAll
  static void start() {
    server = AmpServer.builder()
        .locator(name -> switch (name) {
          case "Sum" -> box -> CompletableFuture.completedFuture(new AmpBox().put("total",
              ArgumentTypes.longToBytes(ArgumentTypes.bytesToLong(box.get("a")) + ArgumentTypes.bytesToLong(box.get("b")))));
          case "Divide" -> box -> CompletableFuture.failedFuture(new RemoteAmpException("ZERO_DIVISION", "division by zero"));
          case "Echo" -> AmpCallTest::echo;
          case "Record" -> box -> {
            recorded.complete(box.copy());
            return CompletableFuture.completedFuture(new AmpBox());
          };
          case "Never" -> box -> new CompletableFuture<>();
          default -> null;
        })
        .start();
    address = "127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Answers with the arguments it was given. */
  private static CompletableFuture<AmpBox> echo(AmpBox box) {
    AmpBox answer = box.copy();
    answer.remove("_command");
    answer.remove("_ask");
    return CompletableFuture.completedFuture(answer);
  }

  @Test
  void printsTheAnswerBoxOneKeyPerLineAsPythonBytes() {
    Cli.Result r = Cli.run("amp", "call", address, "Sum", "a=integer:13", "b=integer:81");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("total=b'94'\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void responseHintDecodesTheValue() {
    Cli.Result r = Cli.run("amp", "call", address, "Sum", "a=int:-13", "b=integer:+1_000", "--response", "total=integer");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("total=987\n", r.out());
  }

  @Test
  void anErrorBoxExitsOneWithCodeAndDescriptionOnStderr() {
    Cli.Result r = Cli.run("amp", "call", address, "Divide", "numerator=integer:1", "denominator=integer:0");
    assertEquals(1, r.exit(), r::toString);
    assertEquals("", r.out());
    assertEquals("spindle amp call: remote error ZERO_DIVISION: division by zero\n", r.err());
  }

  @Test
  void anUnhandledCommandExitsOne() {
    Cli.Result r = Cli.run("amp", "call", address, "Nope");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().startsWith("spindle amp call: remote error UNHANDLED: "), r::toString);
  }

  @Test
  void argumentsTravelAsTwistedWritesThem() {
    Cli.Result r = Cli.run("amp", "call", address, "Echo",
        "i=integer:-42", "big=integer:123456789012345678901234567890", "f=float:1e16", "g=float:0.1",
        "n=float:-inf", "t=boolean:true", "u=unicode:héllo", "s=string:hex:00ff", "r=string:raw",
        "x=string:text:hex:", "d=decimal:-1.250", "when=datetime:2022-04-01T12:30:45.123456Z",
        "ints=listof-integer:1,2,3", "words=listof-unicode:a\\,b,c", "none=listof-string:", "p=path:/srv/./data");
    assertEquals(0, r.exit(), r::toString);
    assertEquals(List.of(
        "big=b'123456789012345678901234567890'",
        "d=b'-1.250'",
        "f=b'1e+16'",
        "g=b'0.1'",
        "i=b'-42'",
        "ints=b'\\x00\\x011\\x00\\x012\\x00\\x013'",
        "n=b'-inf'",
        "none=b''",
        "p=b'/srv/data'",
        "r=b'raw'",
        "s=b'\\x00\\xff'",
        "t=b'True'",
        "u=b'h\\xc3\\xa9llo'",
        "when=b'2022-04-01T12:30:45.123456-00:00'",
        "words=b'\\x00\\x03a,b\\x00\\x01c'",
        "x=b'hex:'"), r.lines());
  }

  @Test
  void responseHintsShowEveryType() {
    Cli.Result r = Cli.run("amp", "call", address, "Echo",
        "i=integer:-42", "f=float:1e16", "t=boolean:false", "u=unicode:h\u00e9llo 'x'", "s=string:hex:00ff",
        "d=decimal:-1.250", "when=datetime:2022-04-01T12:30:45.123456+02:00", "ints=listof-integer:1,2,3",
        "words=listof-unicode:a,b", "p=path:/srv/data",
        "--response", "i=integer", "--response", "f=float", "--response", "t=boolean", "--response", "u=unicode",
        "--response", "s=string", "--response", "d=decimal", "--response", "when=datetime",
        "--response", "ints=listof-integer", "--response", "words=listof-unicode", "--response", "p=path");
    assertEquals(0, r.exit(), r::toString);
    assertEquals(List.of(
        "d=-1.250",
        "f=1e+16",
        "i=-42",
        "ints=[1, 2, 3]",
        "p='/srv/data'",
        "s=b'\\x00\\xff'",
        "t=False",
        "u=\"h\u00e9llo 'x'\"",
        "when=2022-04-01T12:30:45.123456+02:00",
        "words=['a', 'b']"), r.lines());
    assertEquals("", r.err());
  }

  @Test
  void aHintThatDoesNotFitShowsBytesAndWarns() {
    Cli.Result r = Cli.run("amp", "call", address, "Echo", "v=string:abc", "--response", "v=integer",
        "--response", "missing=integer");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("v=b'abc'\n", r.out());
    assertTrue(r.err().contains("--response v=integer: invalid literal for int() with base 10: b'abc'"), r::toString);
    assertTrue(r.err().contains("--response missing: not in the answer"), r::toString);
  }

  /** The typed arguments of Twisted's recorded Everything call (amp-transcript.json) come out byte for byte. */
  @Test
  void typedArgumentsMatchTheBytesTwistedSent() {
    JsonObject everything = null;
    for (JsonElement s : Vectors.load("amp-transcript.json").getAsJsonArray("sessions")) {
      for (JsonElement step : s.getAsJsonObject().getAsJsonArray("steps")) {
        for (JsonElement m : step.getAsJsonObject().getAsJsonArray("messages")) {
          JsonObject msg = m.getAsJsonObject();
          if (msg.has("boxes") && msg.get("boxes").isJsonArray() && msg.getAsJsonArray("boxes").size() == 1
              && msg.get("dir").getAsString().equals("c2s")
              && boxValue(msg, "_command").equals("Everything")) {
            everything = msg;
          }
        }
      }
    }
    assertTrue(everything != null, "the vectors hold an Everything call");
    AmpBox box = AmpCall.typedBox(List.of(
        "int=integer:-42", "bytes=string:hex:00ff726177", "text=unicode:caf\u00e9", "flag=boolean:true",
        "real=float:0.5", "dec=decimal:-1.250", "when=datetime:2022-04-01T12:30:45.123456+00:00",
        "ints=listof-integer:1,2,3", "path=path:/srv/data", "maybe=unicode:here", "from=integer:7",
        "dashed-name=string:dash"));
    for (int i = 0; i < box.size(); i++) {
      String key = new String(box.keyAt(i), StandardCharsets.UTF_8);
      assertArrayEquals(Vectors.hex(boxHex(everything, key)), box.valueAt(i), key);
    }
  }

  private static String boxValue(JsonObject msg, String key) {
    String hex = boxHex(msg, key);
    return hex == null ? "" : new String(Vectors.hex(hex), StandardCharsets.UTF_8);
  }

  private static String boxHex(JsonObject msg, String key) {
    for (JsonElement e : msg.getAsJsonArray("boxes").get(0).getAsJsonArray()) {
      if (e.getAsJsonObject().get("key").getAsString().equals(key)) {
        return e.getAsJsonObject().get("value_hex").getAsString();
      }
    }
    return null;
  }

  @Test
  void noAnswerSendsWithoutAskAndPrintsNothing() throws Exception {
    recorded = new CompletableFuture<>();
    Cli.Result r = Cli.run("amp", "call", "--no-answer", address, "Record", "x=integer:1");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.out());
    AmpBox box = recorded.get(20, TimeUnit.SECONDS);
    assertNull(box.get("_ask"));
    assertArrayEquals("1".getBytes(StandardCharsets.US_ASCII), box.get("x"));
  }

  @Test
  void rawSendsTheBoxVerbatimAndPrintsTheWholeAnswer() {
    Cli.Result r = Cli.run("amp", "call", "--raw", address, "_command=Sum", "_ask=7", "a=1", "b=2");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("_answer=b'7'\ntotal=b'3'\n", r.out());
  }

  @Test
  void rawErrorBoxExitsOne() {
    Cli.Result r = Cli.run("amp", "call", "--raw", address, "_command=Divide", "_ask=x");
    assertEquals(1, r.exit(), r::toString);
    assertEquals(List.of("_error=b'x'", "_error_code=b'ZERO_DIVISION'", "_error_description=b'division by zero'"),
        r.lines());
  }

  @Test
  void rawWithoutAskOnlySends() throws Exception {
    recorded = new CompletableFuture<>();
    Cli.Result r = Cli.run("amp", "call", "--raw", address, "_command=Record", "y=2");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.out());
    assertArrayEquals("2".getBytes(StandardCharsets.US_ASCII), recorded.get(20, TimeUnit.SECONDS).get("y"));
  }

  @Test
  void rawAskThatTheServerDropsExitsThree() {
    // An _ask without _command: the server closes the connection, as Twisted does.
    Cli.Result r = Cli.run("amp", "call", "--raw", address, "_ask=1", "x=y");
    assertEquals(3, r.exit(), r::toString);
    assertTrue(r.err().contains("closed the connection before answering"), r::toString);
  }

  @Test
  void noAnswerWithinTheTimeoutExitsThree() {
    Cli.Result r = Cli.run("amp", "call", "--timeout", "0.2", address, "Never");
    assertEquals(3, r.exit(), r::toString);
    assertEquals("spindle amp call: Never: no answer within 0.2 s (--timeout)\n", r.err());
  }

  @Test
  void aClosedPortExitsThree() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Cli.Result r = Cli.run("amp", "call", "127.0.0.1:" + port, "Sum");
    assertEquals(3, r.exit(), r::toString);
    assertTrue(r.err().startsWith("spindle amp call: cannot connect to 127.0.0.1:" + port + ": "), r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "amp",
      "amp frob",
      "amp call",
      "amp call 127.0.0.1:1",
      "amp call 127.0.0.1:0 Sum",
      "amp call nohost: Sum",
      "amp call 127.0.0.1:1 Sum a=13",
      "amp call 127.0.0.1:1 Sum a=integer",
      "amp call 127.0.0.1:1 Sum a=integer:x",
      "amp call 127.0.0.1:1 Sum a=integer:1 a=integer:2",
      "amp call 127.0.0.1:1 Sum a=complex:1",
      "amp call 127.0.0.1:1 Sum a=boolean:yes",
      "amp call 127.0.0.1:1 Sum a=datetime:yesterday",
      "amp call 127.0.0.1:1 Sum a=string:hex:0",
      "amp call 127.0.0.1:1 Sum _ask=integer:1",
      "amp call 127.0.0.1:1 Sum --timeout -1",
      "amp call 127.0.0.1:1 Sum --timeout",
      "amp call 127.0.0.1:1 Sum --frob",
      "amp call 127.0.0.1:1 Sum --response total",
      "amp call --raw 127.0.0.1:1 novalue",
      "amp call --raw --no-answer 127.0.0.1:1 a=b",
  })
  void aWrongCommandLineExitsTwoBeforeConnecting(String line) {
    Cli.Result r = Cli.run(line.split(" "));
    assertEquals(2, r.exit(), r::toString);
    assertEquals("", r.out());
    assertFalse(r.err().isEmpty());
  }

  @Test
  void helpGoesToStdoutAndExitsZero() {
    Cli.Result r = Cli.run("amp", "call", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith(AmpCall.USAGE), r::toString);
    assertTrue(r.out().contains("listof-TYPE"));
  }

  @Test
  void tooLongValueIsAUsageError() {
    Cli.Result r = Cli.run("amp", "call", address, "Echo", "v=string:" + "x".repeat(65_536));
    assertEquals(2, r.exit(), r::toString);
  }
}
