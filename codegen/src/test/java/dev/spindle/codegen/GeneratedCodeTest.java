package dev.spindle.codegen;

import static dev.spindle.codegen.Compiler.assertSucceeded;
import static dev.spindle.codegen.Compiler.compile;
import static dev.spindle.codegen.Compiler.resource;
import static dev.spindle.codegen.DeepEquals.deepEquals;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.testing.compile.Compilation;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.ArgumentTypes;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.InvalidSignatureException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.locator.PeerInputException;
import dev.spindle.amp.runtime.CommandSpecs;
import dev.spindle.testing.Vectors;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles commands of every supported type and responder classes, loads the generated classes,
 * and checks what they do: byte-exact boxes against Twisted's vectors, round trips, messages,
 * declared errors and locator dispatch.
 */
class GeneratedCodeTest {
  private static CompiledClassLoader classes;
  private static JsonObject everythingVector;

  @BeforeAll
  static void compileAndLoad() {
    Compilation compilation = compile(
        resource("functional/Everything.java"),
        resource("functional/Kitchen.java"),
        resource("functional/Shelf.java"),
        resource("functional/Rgb.java"),
        resource("functional/RgbType.java"),
        resource("functional/Ping.java"),
        resource("functional/Divide.java"),
        resource("functional/Sum.java"),
        resource("functional/Reset.java"),
        resource("functional/Calculator.java"),
        resource("functional/ScientificCalculator.java"),
        resource("functional/Fixtures.java"));
    assertSucceeded(compilation);
    classes = new CompiledClassLoader(compilation);
    for (JsonElement entry : Vectors.load("amp-boxes.json").getAsJsonArray("roundtrip")) {
      JsonObject command = entry.getAsJsonObject().getAsJsonObject("command");
      if (command != null && command.get("commandName").getAsString().equals("Everything")) {
        everythingVector = entry.getAsJsonObject();
      }
    }
    assertTrue(everythingVector != null, "amp-boxes.json has the Everything vector");
  }

  // ---- The 'Everything' vector -----------------------------------------------------------------

  @Test
  void everythingRequestEncodesToTwistedsBytes() {
    AmpBox box = new AmpBox();
    box.put("_ask", ascii("1"));
    box.put("_command", ascii("Everything"));
    arguments("test.Everything").write(fixture("everything"), box);
    assertEquals(everythingVector.get("request_hex").getAsString(), Vectors.toHex(box.toByteArray()));
  }

  @Test
  void everythingResponseEncodesToTwistedsBytes() {
    AmpBox box = new AmpBox();
    box.put("_answer", ascii("1"));
    response("test.Everything").write(fixture("everything"), box);
    assertEquals(everythingVector.get("response_hex").getAsString(), Vectors.toHex(box.toByteArray()));
  }

  @Test
  void everythingRequestHasTwistedsKeysAndValuesInWireOrder() {
    AmpBox box = new AmpBox();
    arguments("test.Everything").write(fixture("everything"), box);
    List<String> expectedKeys = new ArrayList<>();
    List<String> protocolKeys = new ArrayList<>();
    for (JsonElement pair : requestPairs()) {
      String key = pair.getAsJsonObject().get("key").getAsString();
      if (key.startsWith("_")) {
        protocolKeys.add(key); // written by the connection, not by the generated codec
        continue;
      }
      expectedKeys.add(key);
      assertEquals(pair.getAsJsonObject().get("value_hex").getAsString(),
          Vectors.toHex(box.get(key)), key);
    }
    assertEquals(List.of("_ask", "_command"), protocolKeys);
    // Written in sorted order, as Twisted sends them, with the null optional 'absent' left out.
    assertEquals(expectedKeys, box.keys());
    assertFalse(box.containsKey("absent"));
  }

  @Test
  void everythingDecodesFromTwistedsBox() {
    AmpBox box = new AmpBox();
    for (JsonElement pair : requestPairs()) {
      JsonObject p = pair.getAsJsonObject();
      box.put(p.get("key").getAsString(), Vectors.hex(p.get("value_hex")));
    }
    Object decoded = arguments("test.Everything").read(box);
    assertTrue(deepEquals(fixture("everything"), decoded), () -> "decoded " + decoded);
  }

  // ---- Round trips -----------------------------------------------------------------------------

  @Test
  void everySupportedTypeRoundTrips() {
    assertRoundTrips(arguments("test.Kitchen"), fixture("kitchen"));
    assertRoundTrips(response("test.Kitchen"), fixture("kitchen"));
  }

  @Test
  void absentOptionalArgumentsRoundTripAsNull() {
    Object sparse = fixture("sparseKitchen");
    AmpBox box = assertRoundTrips(arguments("test.Kitchen"), sparse);
    for (String key : List.of("maybeLong", "maybeWords", "maybeColor", "maybeShelves")) {
      assertFalse(box.containsKey(key), key);
    }
    assertTrue(box.containsKey("shelves"));
  }

  @Test
  void ampListRowsLeaveOutNullOptionalFields() {
    AmpBox box = new AmpBox();
    arguments("test.Kitchen").write(fixture("kitchen"), box);
    String rows = Vectors.toHex(box.get("shelves"));
    // label, full, capacity, note ("dusty"), end; then the second row without note.
    assertEquals(
        hexBox("capacity", "3", "full", "True", "label", "top", "note", "dusty")
            + hexBox("capacity", "0", "full", "False", "label", "bottom"),
        rows);
  }

  @Test
  void classCommandsAndResponsesRoundTrip() {
    Object ping = fixture("ping");
    AmpBox box = new AmpBox();
    arguments("test.Ping").write(ping, box);
    assertEquals(List.of("text", "times"), box.keys());
    assertEquals("hi", new String(box.get("text"), UTF_8));
    Object read = arguments("test.Ping").read(box);
    AmpBox again = new AmpBox();
    arguments("test.Ping").write(read, again);
    assertEquals(box, again);

    AmpBox empty = new AmpBox();
    Object pong = response("test.Ping").read(empty);
    response("test.Ping").write(pong, empty);
    assertTrue(empty.isEmpty(), "optional null echo is left out");
  }

  @Test
  void extraKeysAreIgnored() {
    AmpBox box = new AmpBox();
    arguments("test.Everything").write(fixture("everything"), box);
    box.put("_ask", ascii("5"));
    box.put("unknown", ascii("whatever"));
    assertTrue(deepEquals(fixture("everything"), arguments("test.Everything").read(box)));
  }

  // ---- Messages --------------------------------------------------------------------------------

  @Test
  void missingRequiredArgumentNamesCommandAndKey() {
    AmpBox box = new AmpBox();
    arguments("test.Everything").write(fixture("everything"), box);
    box.remove("dashed-name");
    AmpArgumentException e = assertThrows(AmpArgumentException.class,
        () -> arguments("test.Everything").read(box));
    assertEquals("Everything: missing argument dashed-name", e.getMessage());
  }

  @Test
  void missingRequiredResponseValueNamesTheResponse() {
    AmpArgumentException e = assertThrows(AmpArgumentException.class,
        () -> response("test.Divide").read(new AmpBox()));
    assertEquals("Divide response: missing argument result", e.getMessage());
  }

  @Test
  void unparsableValueNamesItsKey() {
    AmpBox box = new AmpBox();
    arguments("test.Everything").write(fixture("everything"), box);
    box.put("flag", ascii("yes"));
    AmpArgumentException e = assertThrows(AmpArgumentException.class,
        () -> arguments("test.Everything").read(box));
    assertEquals("Everything: argument flag: Bad boolean value: b'yes' (expected: True or False)",
        e.getMessage());
    assertInstanceOf(AmpArgumentException.class, e.getCause());
  }

  @Test
  void unparsableRowValueNamesTheRowType() {
    AmpBox row = new AmpBox().put("id", ascii("one"));
    AmpBox box = new AmpBox();
    arguments("test.Everything").write(fixture("everything"), box);
    box.put("rows", row.toByteArray());
    AmpArgumentException e = assertThrows(AmpArgumentException.class,
        () -> arguments("test.Everything").read(box));
    assertEquals("Everything: argument rows: Everything.Row: argument id: invalid literal for"
        + " int() with base 10: b'one'", e.getMessage());
  }

  @Test
  void userTypeErrorsNameTheirKey() {
    AmpBox box = new AmpBox();
    arguments("test.Kitchen").write(fixture("kitchen"), box);
    box.put("color", ascii("red"));
    AmpArgumentException e = assertThrows(AmpArgumentException.class,
        () -> arguments("test.Kitchen").read(box));
    assertEquals("kitchen-sink: argument color: Rgb: red (expected: #rrggbb)", e.getMessage());
  }

  @Test
  void nullRequiredArgumentIsTwistedsInvalidSignature() {
    Object command = invoke("everything", (String) null);
    InvalidSignatureException e = assertThrows(InvalidSignatureException.class,
        () -> arguments("test.Everything").write(command, new AmpBox()));
    assertEquals("forgot text for b'Everything'", e.getMessage());
  }

  @Test
  void nullRequiredResponseValueIsAnArgumentError() {
    Object command = invoke("everything", (String) null);
    AmpArgumentException e = assertThrows(AmpArgumentException.class,
        () -> response("test.Everything").write(command, new AmpBox()));
    assertEquals("Everything response: null text (expected: a value, or @Argument(optional ="
        + " true))", e.getMessage());
  }

  // ---- The spec --------------------------------------------------------------------------------

  @Test
  void specDescribesTheCommand() {
    CommandSpec<?, ?> kitchen = spec("test.Kitchen");
    assertEquals("kitchen-sink", kitchen.commandName());
    assertSame(classes.load("test.Kitchen"), kitchen.commandType());
    assertTrue(kitchen.requiresAnswer());
    CommandSpec<?, ?> reset = spec("test.Reset");
    assertEquals("Reset", reset.commandName());
    assertFalse(reset.requiresAnswer());
    assertNull(reset.response().read(new AmpBox()));
  }

  @Test
  void declaredErrorsBecomeTheirCodes() {
    CommandSpec<?, ?> divide = spec("test.Divide");
    RemoteAmpException zero = divide.declaredError(new ArithmeticException("division by zero"));
    assertEquals("ZERO_DIVISION", zero.errorCode());
    assertEquals("division by zero", zero.description());
    assertFalse(zero.isFatal());
    RemoteAmpException state = divide.declaredError(new IllegalStateException());
    assertEquals("BAD_STATE", state.errorCode());
    assertEquals("", state.description());
    RemoteAmpException broken = divide.declaredError(new java.nio.file.NoSuchFileException("f"));
    assertEquals("BROKEN", broken.errorCode());
    assertTrue(broken.isFatal(), "fatalErrors are fatal, and subclasses match");
    RemoteAmpException remote = new RemoteAmpException("OWN", "as is");
    assertSame(remote, divide.declaredError(remote));
    assertNull(divide.declaredError(new IllegalArgumentException("undeclared")));
  }

  @Test
  void declaredCodesBecomeTheirExceptions() throws Exception {
    CommandSpec<?, ?> divide = spec("test.Divide");
    Exception zero = divide.declaredException("ZERO_DIVISION", "division by zero");
    assertInstanceOf(ArithmeticException.class, zero);
    assertEquals("division by zero", zero.getMessage());
    assertInstanceOf(IOException.class, divide.declaredException("BROKEN", "x"));
    assertNull(divide.declaredException("UNKNOWN", "Unknown Error"));
  }

  // ---- Locators --------------------------------------------------------------------------------

  @Test
  void locatorDispatchesToTheRightMethod() throws Exception {
    Object calculator = newInstance("test.Calculator");
    CommandLocator locator = CommandLocator.of(calculator);
    assertEquals("Calculator_AmpLocator", locator.getClass().getSimpleName());

    AmpBox answer = respond(locator, "Divide", box("_ask", "1", "_command", "Divide",
        "numerator", "1", "denominator", "4"));
    assertEquals(new AmpBox().put("result", ArgumentTypes.doubleToBytes(0.25)), answer);
    AmpBox sum = respond(locator, "Sum", box("a", "13", "b", "81"));
    assertEquals(box("total", "94"), sum);
    assertTrue(respond(locator, "Reset", new AmpBox()).isEmpty());
    assertNull(locator.locateResponder("Unknown"));
    assertEquals(List.of("divide 1/4", "sum 13+81", "reset"), calls(calculator));
  }

  @Test
  void locatorSendsDeclaredErrorsAsTheirCodes() {
    CommandLocator locator = CommandLocator.of(newInstance("test.Calculator"));
    RemoteAmpException zero = assertFails(RemoteAmpException.class,
        locator, "Divide", box("numerator", "1", "denominator", "0"));
    assertEquals("ZERO_DIVISION", zero.errorCode());
    assertEquals("division by zero", zero.description());
    RemoteAmpException fatal = assertFails(RemoteAmpException.class,
        locator, "Divide", box("numerator", "1", "denominator", "-1"));
    assertEquals("BROKEN", fatal.errorCode());
    assertTrue(fatal.isFatal());
    // The peer's box is at fault, not the responder: the parse error comes wrapped as such.
    PeerInputException peerFault = assertFails(PeerInputException.class,
        locator, "Divide", box("numerator", "1"));
    AmpArgumentException missing = assertInstanceOf(AmpArgumentException.class, peerFault.getCause());
    assertEquals("Divide: missing argument denominator", missing.getMessage());
  }

  @Test
  void subclassLocatorAlsoFindsInheritedResponders() throws Exception {
    Object calculator = newInstance("test.ScientificCalculator");
    CommandLocator locator = CommandLocator.of(calculator);
    assertEquals("ScientificCalculator_AmpLocator", locator.getClass().getSimpleName());
    assertEquals(box("echo", "hihi"), respond(locator, "Ping", box("text", "hi", "times", "2")));
    assertEquals(box("total", "3"), respond(locator, "Sum", box("a", "1", "b", "2")));
    assertEquals(List.of("ping hi", "sum 1+2"), calls(calculator));
  }

  // ---- Helpers ---------------------------------------------------------------------------------

  private static JsonArray requestPairs() {
    return everythingVector.getAsJsonArray("request_boxes").get(0).getAsJsonArray();
  }

  private static AmpBox assertRoundTrips(BoxCodec<Object> codec, Object value) {
    AmpBox box = new AmpBox();
    codec.write(value, box);
    Object read = codec.read(box);
    assertTrue(deepEquals(value, read), () -> "read back " + read + " from " + box);
    AmpBox again = new AmpBox();
    codec.write(read, again);
    assertArrayEquals(box.toByteArray(), again.toByteArray());
    return box;
  }

  /** Hex of a box of ASCII pairs, as written inside an AmpList. */
  private static String hexBox(String... pairs) {
    return Vectors.toHex(box(pairs).toByteArray());
  }

  private static AmpBox box(String... pairs) {
    AmpBox box = new AmpBox();
    for (int i = 0; i < pairs.length; i += 2) {
      box.put(pairs[i], pairs[i + 1].getBytes(UTF_8));
    }
    return box;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(US_ASCII);
  }

  private static AmpBox respond(CommandLocator locator, String command, AmpBox box)
      throws Exception {
    BoxResponder responder = locator.locateResponder(command);
    assertTrue(responder != null, "responder for " + command);
    return responder.respond(box).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T extends Throwable> T assertFails(
      Class<T> type, CommandLocator locator, String command, AmpBox box) {
    CompletableFuture<AmpBox> stage =
        locator.locateResponder(command).respond(box).toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> stage.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(type, e.getCause());
  }

  @SuppressWarnings("unchecked")
  private static List<String> calls(Object calculator) {
    return ((Supplier<List<String>>) calculator).get();
  }

  private static CommandSpec<?, ?> spec(String command) {
    return specOf(classes.load(command));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CommandSpec<?, ?> specOf(Class<?> type) {
    return CommandSpecs.of((Class) type);
  }

  @SuppressWarnings("unchecked")
  private static BoxCodec<Object> arguments(String command) {
    return (BoxCodec<Object>) spec(command).arguments();
  }

  @SuppressWarnings("unchecked")
  private static BoxCodec<Object> response(String command) {
    return (BoxCodec<Object>) spec(command).response();
  }

  private static Object fixture(String name) {
    return invoke(name);
  }

  private static Object invoke(String fixture, Object... args) {
    Class<?>[] types = new Class<?>[args.length];
    java.util.Arrays.fill(types, String.class);
    try {
      return classes.load("test.Fixtures").getMethod(fixture, types).invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object newInstance(String name) {
    try {
      return classes.load(name).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
