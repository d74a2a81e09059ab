package dev.spindle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code spindle dump} of the streams Twisted recorded (amp-transcript.json, pb-messages.json). */
@LeakChecked
@Timeout(60)
class DumpTest {
  /** AMP streams that are not AMP from some point: an over-long key, a protocol switch. */
  private static final Set<String> BROKEN_AMP = Set.of("key-too-long c2s", "protocol-switch c2s", "protocol-switch s2c");

  private static JsonObject session(String file, String name) {
    for (JsonElement s : Vectors.load(file).getAsJsonArray("sessions")) {
      if (s.getAsJsonObject().get("name").getAsString().equals(name)) {
        return s.getAsJsonObject();
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static String stream(String file, String session, String dir) {
    return session(file, session).get(dir.equals("c2s") ? "client_to_server_hex" : "server_to_client_hex").getAsString();
  }

  private static Cli.Result dumpHex(String hex, String... options) {
    List<String> args = new ArrayList<>(List.of("dump"));
    args.addAll(Arrays.asList(options));
    return Cli.withStdin(hex, args.toArray(String[]::new));
  }

  @Test
  void ampClientStreamPrintsOneBoxPerLine() {
    Cli.Result r = dumpHex(stream("amp-transcript.json", "commands", "c2s"), "--hex");
    assertEquals(0, r.exit(), r::toString);
    List<String> lines = r.lines();
    assertEquals("_ask=b'1' _command=b'Sum' a=b'13' b=b'81'", lines.get(0));
    assertEquals("_ask=b'2' _command=b'Divide' denominator=b'4' numerator=b'10'", lines.get(1));
    assertEquals("_command=b'Notify' message=b'hello'", lines.get(3));
    assertEquals("", r.err());
  }

  @Test
  void ampServerStreamFromARawFileWithOffsets(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("s2c.bin");
    Files.write(file, Vectors.hex(stream("amp-transcript.json", "commands", "s2c")));
    Cli.Result r = Cli.run("dump", "--offsets", file.toString());
    assertEquals(0, r.exit(), r::toString);
    List<String> lines = r.lines();
    assertEquals("@0 _answer=b'1' total=b'94'", lines.get(0));
    assertEquals("@25 _answer=b'2' result=b'2.5'", lines.get(1));
    assertEquals("@52 _error=b'3' _error_code=b'ZERO_DIVISION' _error_description=b'division by zero'", lines.get(2));
    assertTrue(lines.contains(
        "@155 _error=b'6' _error_code=b'UNHANDLED' _error_description=b\"Unhandled Command: b'Unimplemented'\""),
        r::toString);
  }

  static Stream<Arguments> ampStreams() {
    List<Arguments> out = new ArrayList<>();
    for (JsonElement s : Vectors.load("amp-transcript.json").getAsJsonArray("sessions")) {
      for (String dir : List.of("c2s", "s2c")) {
        out.add(Arguments.of(s.getAsJsonObject().get("name").getAsString(), dir));
      }
    }
    return out.stream();
  }

  /** Every recorded AMP stream: one line per box Twisted wrote, or exit 3 where the stream breaks. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("ampStreams")
  void everyRecordedAmpStreamDumps(String name, String dir) {
    JsonObject session = session("amp-transcript.json", name);
    List<String> expected = new ArrayList<>();
    for (JsonElement step : session.getAsJsonArray("steps")) {
      for (JsonElement m : step.getAsJsonObject().getAsJsonArray("messages")) {
        JsonObject msg = m.getAsJsonObject();
        if (msg.get("dir").getAsString().equals(dir) && msg.has("boxes") && msg.get("boxes").isJsonArray()) {
          for (JsonElement box : msg.getAsJsonArray("boxes")) {
            expected.add(boxLine(box));
          }
        }
      }
    }
    Cli.Result r = dumpHex(stream("amp-transcript.json", name, dir), "--protocol", "amp");
    if (BROKEN_AMP.contains(name + " " + dir)) {
      assertEquals(3, r.exit(), r::toString);
      assertTrue(r.err().startsWith("spindle dump: at byte "), r::toString);
      assertEquals(expected.subList(0, r.lines().size()), r.lines());
      return;
    }
    assertEquals(0, r.exit(), r::toString);
    assertEquals(expected, r.lines());
  }

  /** The line for a box recorded as [{key, value_hex}, ...]. */
  private static String boxLine(JsonElement box) {
    List<String> parts = new ArrayList<>();
    for (JsonElement e : box.getAsJsonArray()) {
      JsonObject kv = e.getAsJsonObject();
      parts.add(kv.get("key").getAsString() + "=" + PyText.bytes(Vectors.hex(kv.get("value_hex"))));
    }
    return parts.isEmpty() ? "(empty box)" : String.join(" ", parts);
  }

  @Test
  void pbStreamsShowTheHandshakeAndTheMessages() {
    List<String> c2s = dumpHex(stream("pb-messages.json", "calls", "c2s")).lines();
    assertEquals(List.of("dialect chosen: pb", "version 6", "message 1 to root: echo(42)",
        "message 2 to root: echo(-7)"), c2s.subList(0, 4));
    assertTrue(c2s.contains("message 5 to root: echo('h\u00e9llo')"), c2s::toString);
    List<String> s2c = dumpHex(stream("pb-messages.json", "calls", "s2c")).lines();
    assertEquals(List.of("dialects offered: pb, none", "version 6", "answer 1: 42", "answer 2: -7"), s2c.subList(0, 4));
    assertTrue(s2c.contains("answer 10: [1, 2.5, (b't',), {'k': [None]}, {3}, Decimal('1.5'), "
        + "datetime.datetime(2022, 4, 1, 12, 0), datetime.date(2022, 4, 1), datetime.time(1, 2, 3), "
        + "datetime.timedelta(seconds=90)]"), s2c::toString);
  }

  @Test
  void pbErrorsShowTheRemoteTypeAndValue() {
    List<String> s2c = dumpHex(stream("pb-messages.json", "errors", "s2c")).lines();
    assertEquals("error 1: <failure builtins.ValueError: 'boom'>", s2c.get(2));
    assertTrue(s2c.contains("error 4: goldens.GoldenError({'code': 42})"), s2c::toString);
  }

  @Test
  void pbReferencesCachesAndKeywords() {
    List<String> c2s = dumpHex(stream("pb-messages.json", "references-and-copies", "c2s")).lines();
    assertTrue(c2s.contains("message 2 to luid 1: ping(5)"), c2s::toString);
    assertTrue(c2s.contains("message 4 to root: callMeBack(<remote 1>, 21)"), c2s::toString);
    assertTrue(c2s.contains("decref 1"), c2s::toString);
    List<String> cache = dumpHex(stream("pb-messages.json", "cacheable", "s2c")).lines();
    assertTrue(cache.contains("answer 1: goldens.Counter(1, {'value': 0})"), cache::toString);
    assertTrue(cache.contains("cachemessage 1 to cache luid 1: setValue(1)"), cache::toString);
    List<String> paging = dumpHex(stream("pb-messages.json", "paging", "s2c")).lines();
    assertTrue(paging.contains("message 1 to luid 1: gotPage(b'abcdefgh') (no answer)"), paging::toString);
    boolean keywords = false;
    for (JsonElement s : Vectors.load("pb-messages.json").getAsJsonArray("sessions")) {
      for (String line : dumpHex(stream("pb-messages.json", s.getAsJsonObject().get("name").getAsString(), "c2s")).lines()) {
        keywords |= line.matches("message \\d+ to root: add\\(1, b=2\\)");
      }
    }
    assertTrue(keywords, "some recorded call passes b=2 as a keyword");
  }

  @Test
  void bananaShowsTheRawExpressions() {
    Cli.Result r = dumpHex(stream("pb-messages.json", "calls", "c2s"), "--protocol", "banana");
    assertEquals(0, r.exit(), r::toString);
    assertEquals(List.of("b'pb'", "[b'version', 6]",
        "[b'message', 1, b'root', b'echo', 1, [b'tuple', 42], [b'dictionary']]"), r.lines().subList(0, 3));
  }

  static Stream<Arguments> pbStreams() {
    List<Arguments> out = new ArrayList<>();
    for (JsonElement s : Vectors.load("pb-messages.json").getAsJsonArray("sessions")) {
      for (String dir : List.of("c2s", "s2c")) {
        out.add(Arguments.of(s.getAsJsonObject().get("name").getAsString(), dir));
      }
    }
    return out.stream();
  }

  /**
   * Every recorded PB stream: one line per expression Twisted wrote, each at the offset where its
   * bytes start; only the deliberately foreign messages are not shown as PB.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("pbStreams")
  void everyRecordedPbStreamDumps(String name, String dir) {
    List<Integer> offsets = new ArrayList<>();
    int at = 0;
    for (JsonElement step : session("pb-messages.json", name).getAsJsonArray("steps")) {
      for (JsonElement m : step.getAsJsonObject().getAsJsonArray("messages")) {
        JsonObject msg = m.getAsJsonObject();
        if (msg.get("dir").getAsString().equals(dir)) {
          offsets.add(at);
          at += msg.get("hex").getAsString().length() / 2;
        }
      }
    }
    Cli.Result r = dumpHex(stream("pb-messages.json", name, dir), "--offsets");
    assertEquals(0, r.exit(), r::toString);
    assertEquals(offsets.size(), r.lines().size(), r::toString);
    for (int i = 0; i < offsets.size(); i++) {
      String line = r.lines().get(i);
      assertTrue(line.startsWith("@" + offsets.get(i) + " "), () -> "offset of " + line + " in " + r);
      boolean foreign = line.contains("? [b'frobnicate', 1]") || line.contains("? 5");
      assertEquals(foreign, line.substring(line.indexOf(' ') + 1).startsWith("? "), line);
    }
  }

  @Test
  void aTruncatedBananaStreamPrintsWhatItCanAndExitsThree() {
    String hex = stream("pb-messages.json", "calls", "s2c");
    Cli.Result r = dumpHex(hex.substring(0, hex.length() - 2));
    assertEquals(3, r.exit(), r::toString);
    assertTrue(r.lines().size() > 10, r::toString);
    assertTrue(r.err().startsWith("spindle dump: incomplete expression at the end: "), r::toString);
  }

  @Test
  void aTruncatedAmpStreamExitsThree() {
    Cli.Result r = dumpHex("00045f61736b0001310008");
    assertEquals(3, r.exit(), r::toString);
    assertEquals("", r.out());
    assertEquals("spindle dump: incomplete box at the end: 11 bytes from byte 0\n", r.err());
  }

  @Test
  void anOverLongKeyIsReportedWhereItStarts() {
    // One good box, then a key length of 256.
    Cli.Result r = dumpHex("000161000162000001000000", "--protocol", "amp");
    assertEquals(3, r.exit(), r::toString);
    assertEquals("a=b'b'\n", r.out());
    assertTrue(r.err().startsWith("spindle dump: at byte 8: "), r::toString);
  }

  @Test
  void bananaErrorsExitThree() {
    // 0x88 is no Banana type.
    Cli.Result r = dumpHex("0181 0188", "--protocol", "banana");
    assertEquals(3, r.exit(), r::toString);
    assertEquals("1\n", r.out());
    assertTrue(r.err().startsWith("spindle dump: at byte 2: "), r::toString);
  }

  @Test
  void theDialectOptionOverridesTheHandshake() {
    // After the handshake the client speaks pb; read as 'none', the VOCAB bytes are an error.
    Cli.Result r = dumpHex(stream("pb-messages.json", "calls", "c2s"), "--dialect", "none");
    assertEquals(3, r.exit(), r::toString);
    assertEquals(List.of("dialect chosen: pb"), r.lines());
  }

  @Test
  void emptyInputPrintsNothing() {
    Cli.Result r = Cli.withStdin("", "dump");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void hexThatIsNotHexExitsThree() {
    Cli.Result r = Cli.withStdin("abc", "dump", "--hex");
    assertEquals(3, r.exit(), r::toString);
  }

  @Test
  void aMissingFileExitsThree() {
    Cli.Result r = Cli.run("dump", "/nonexistent/capture.bin");
    assertEquals(3, r.exit(), r::toString);
    assertEquals("spindle dump: cannot read /nonexistent/capture.bin: no such file\n", r.err());
  }

  @Test
  void usageErrorsExitTwo() {
    for (String[] args : List.of(
        new String[] {"dump", "--protocol", "http"},
        new String[] {"dump", "--dialect", "json"},
        new String[] {"dump", "a", "b"},
        new String[] {"dump", "--protocol", "amp", "--dialect", "pb"})) {
      Cli.Result r = Cli.run(args);
      assertEquals(2, r.exit(), r::toString);
      assertFalse(r.err().isEmpty());
    }
  }

  @Test
  void helpExitsZero() {
    Cli.Result r = Cli.run("help", "dump");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith(Dump.USAGE));
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"amp", "call", "-h"},
        new String[] {"pb", "call", "--help"}, new String[] {"hashpw", "--help"}, new String[] {"dump", "--help"})) {
      Cli.Result r = Cli.run(args);
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.out().startsWith("usage: spindle"), r::toString);
      assertEquals("", r.err());
    }
    assertEquals(2, Cli.run().exit());
    assertEquals(2, Cli.run("frob").exit());
  }
}
