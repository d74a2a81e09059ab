package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.exceptions.AmpConnectionLostException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.amp.exceptions.UnknownRemoteException;
import dev.spindle.interop.amp.PeerCommands.CallMeBack;
import dev.spindle.interop.amp.PeerCommands.Delay;
import dev.spindle.interop.amp.PeerCommands.Divide;
import dev.spindle.interop.amp.PeerCommands.EchoBytes;
import dev.spindle.interop.amp.PeerCommands.Everything;
import dev.spindle.interop.amp.PeerCommands.Explode;
import dev.spindle.interop.amp.PeerCommands.FatalProblemException;
import dev.spindle.interop.amp.PeerCommands.LastNotification;
import dev.spindle.interop.amp.PeerCommands.Notify;
import dev.spindle.interop.amp.PeerCommands.Row;
import dev.spindle.interop.amp.PeerCommands.Sum;
import dev.spindle.interop.amp.PeerCommands.Unimplemented;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Java client, real Twisted 22.4 server ({@code amp_peer.py server}), over 127.0.0.1. */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaClientTwistedServerTest {
  private static TwistedPeer twisted;
  private static AmpClient client;
  private static AmpConnection connection;

  @BeforeAll
  static void start() throws Exception {
    twisted = TwistedPeer.startServer("amp_peer.py");
    client =
        AmpClient.builder()
            .locatorFactory(c -> new PeerResponders_AmpLocator(new PeerResponders(), c))
            .build();
    connection = connect();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (twisted != null) {
      twisted.close();
    }
  }

  private static AmpConnection connect() throws Exception {
    return client.connect("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
  }

  private static <R> R call(AmpConnection c, Request<R> command) throws Exception {
    return c.callRemote(command).get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  static Stream<Arguments> echoVectors() {
    List<Arguments> out = new ArrayList<>();
    for (JsonElement e : Vectors.load("amp-boxes.json").getAsJsonArray("roundtrip")) {
      JsonObject v = e.getAsJsonObject();
      if (!v.has("command") || !v.get("values").isJsonObject()) {
        continue;
      }
      String name = v.getAsJsonObject("command").get("commandName").getAsString();
      if (!TypedValues.ECHO.containsKey(name)) {
        continue;
      }
      JsonObject sent = v.getAsJsonObject("values").getAsJsonObject("value");
      JsonObject received =
          v.has("received_value") ? v.getAsJsonObject("received_value") : sent;
      out.add(Arguments.of(v.get("description").getAsString(), name, sent, received));
    }
    assertTrue(out.size() >= 70, "echo vectors found: " + out.size());
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("echoVectors")
  void everyVectorValueRoundTripsThroughTwisted(
      String description, String command, JsonObject sent, JsonObject received) throws Exception {
    Request<?> request = TypedValues.ECHO.get(command).apply(TypedValues.value(sent));
    Object answer = call(connection, request);
    Object want = TypedValues.value(received);
    Object got = TypedValues.echoed(answer);
    if (command.equals("EchoAmpList")) {
      want = TypedValues.echoed(TypedValues.ECHO.get(command).apply(want));
    }
    assertTrue(TypedValues.same(want, got), description + ": got " + got + ", expected " + want);
  }

  @Test
  void everythingInOneBox() throws Exception {
    JsonObject v = null;
    for (JsonElement e : Vectors.load("amp-boxes.json").getAsJsonArray("roundtrip")) {
      JsonObject o = e.getAsJsonObject();
      if (o.has("command")
          && o.getAsJsonObject("command").get("commandName").getAsString().equals("Everything")) {
        v = o;
      }
    }
    JsonObject values = v.getAsJsonObject("values");
    @SuppressWarnings("unchecked")
    List<Object> rows = (List<Object>) TypedValues.value(values.getAsJsonObject("rows"));
    List<Row> javaRows = new ArrayList<>();
    for (Object r : rows) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> m = (Map<Object, Object>) r;
      javaRows.add(new Row(((BigInteger) m.get("id")).longValue(), (String) m.get("name")));
    }
    @SuppressWarnings("unchecked")
    Everything sent =
        new Everything(
            (BigInteger) TypedValues.value(values.getAsJsonObject("int")),
            (byte[]) TypedValues.value(values.getAsJsonObject("bytes")),
            (String) TypedValues.value(values.getAsJsonObject("text")),
            (Boolean) TypedValues.value(values.getAsJsonObject("flag")),
            (Double) TypedValues.value(values.getAsJsonObject("real")),
            (dev.spindle.amp.command.AmpDecimal) TypedValues.value(values.getAsJsonObject("dec")),
            (java.time.OffsetDateTime) TypedValues.value(values.getAsJsonObject("when")),
            ((List<BigInteger>) TypedValues.value(values.getAsJsonObject("ints")))
                .stream().map(BigInteger::longValue).toList(),
            javaRows,
            (java.nio.file.Path) TypedValues.value(values.getAsJsonObject("path")),
            (String) TypedValues.value(values.getAsJsonObject("maybe")),
            null,
            ((BigInteger) TypedValues.value(values.getAsJsonObject("From"))).longValue(),
            (byte[]) TypedValues.value(values.getAsJsonObject("dashed_name")));
    Everything got = call(connection, sent);
    assertEquals(sent.integer(), got.integer());
    assertArrayEquals(sent.bytes(), got.bytes());
    assertEquals(sent.text(), got.text());
    assertEquals(sent.flag(), got.flag());
    assertEquals(sent.real(), got.real());
    assertEquals(sent.dec().toString(), got.dec().toString());
    assertEquals(sent.when(), got.when());
    assertEquals(sent.ints(), got.ints());
    assertEquals(sent.rows(), got.rows());
    assertEquals(sent.path(), got.path());
    assertEquals("here", got.maybe());
    assertNull(got.absent());
    assertEquals(7, got.from());
    assertArrayEquals(sent.dashedName(), got.dashedName());
  }

  @Test
  void sumAndDivide() throws Exception {
    assertEquals(94, call(connection, new Sum(13, 81)).total());
    assertEquals(2.5, call(connection, new Divide(10, 4)).result());
  }

  @Test
  void declaredErrorsArriveAsTheirJavaTypes() {
    Throwable zero = failure(connection.callRemote(new Divide(1, 0)));
    assertInstanceOf(ArithmeticException.class, zero);
    assertEquals("division by zero", zero.getMessage());
    Throwable bad = failure(connection.callRemote(new Explode("declared")));
    assertInstanceOf(IllegalArgumentException.class, bad);
    assertEquals("a declared error", bad.getMessage());
  }

  @Test
  void unimplementedCommandIsUnhandledAndTheConnectionStaysOpen() throws Exception {
    Throwable t = failure(connection.callRemote(new Unimplemented()));
    assertInstanceOf(UnhandledCommandException.class, t);
    assertEquals("Unhandled Command: b'Unimplemented'", ((RemoteAmpException) t).description());
    assertEquals(3, call(connection, new Sum(1, 2)).total());
  }

  @Test
  void boxLevelCallReachesAmpPingResponder() throws Exception {
    AmpBox answer =
        connection
            .callRemoteString("PING", new AmpBox().putString("payload", "abc"))
            .get(10, TimeUnit.SECONDS);
    assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), answer.get("pong"));
  }

  @Test
  void commandWithoutAnswerIsDelivered() throws Exception {
    assertNull(connection.callRemote(new Notify("fire and forget")).get(10, TimeUnit.SECONDS));
    assertEquals("fire and forget", call(connection, new LastNotification()).message());
  }

  @Test
  void serverCallsBackIntoTheJavaClient() throws Exception {
    assertEquals(42, call(connection, new CallMeBack(20, 22)).total());
    // The responder object the factory built for this very connection answered the call back.
    PeerResponders mine = connection.locator(PeerResponders_AmpLocator.class).target();
    assertEquals(new Sum(20, 22), mine.lastSum);
  }

  @Test
  void snakeCaseNamingPolicyMatchesPythonKeys() throws Exception {
    PeerCommands.AddOne.Result r = call(connection, new PeerCommands.AddOne(41, 8080));
    assertEquals(new PeerCommands.AddOne.Result(42, 8080), r);
  }

  @Test
  void answersArriveOutOfOrder() throws Exception {
    ConcurrentLinkedQueue<Long> order = new ConcurrentLinkedQueue<>();
    CompletableFuture<?> slow =
        connection.callRemote(new Delay(300, 1)).thenAccept(r -> order.add(r.id()));
    CompletableFuture<?> fast =
        connection.callRemote(new Delay(0, 2)).thenAccept(r -> order.add(r.id()));
    CompletableFuture.allOf(slow, fast).get(10, TimeUnit.SECONDS);
    assertEquals(List.of(2L, 1L), List.copyOf(order));
  }

  @Test
  void thousandPipelinedCalls() throws Exception {
    List<CompletableFuture<Sum.Result>> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      calls.add(connection.callRemote(new Sum(i, i)));
    }
    for (int i = 0; i < 1000; i++) {
      assertEquals(2L * i, calls.get(i).get(30, TimeUnit.SECONDS).total());
    }
  }

  @Test
  void largestValueRoundTrips() throws Exception {
    byte[] big = new byte[65535];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    assertArrayEquals(big, call(connection, new EchoBytes(big)).value());
  }

  @Test
  void fatalErrorArrivesThenTwistedCloses() throws Exception {
    AmpConnection c = connect();
    Throwable t = failure(c.callRemote(new Explode("fatal")));
    assertInstanceOf(FatalProblemException.class, t);
    assertEquals("a fatal error", t.getMessage());
    c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertFalse(c.isOpen());
  }

  @Test
  void undeclaredErrorIsUnknownThenTwistedCloses() throws Exception {
    AmpConnection c = connect();
    Throwable t = failure(c.callRemote(new Explode("other")));
    assertInstanceOf(UnknownRemoteException.class, t);
    assertEquals("UNKNOWN", ((RemoteAmpException) t).errorCode());
    c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Throwable after = failure(c.callRemote(new Sum(1, 1)));
    assertInstanceOf(AmpConnectionLostException.class, after);
  }

  @Test
  void badArgumentIsUnknownThenTwistedCloses() throws Exception {
    AmpConnection c = connect();
    AmpBox args = new AmpBox().putString("a", "x").putString("b", "1");
    Throwable t = failure(c.callRemoteString("Sum", args));
    assertEquals("UNKNOWN", ((RemoteAmpException) t).errorCode());
    assertEquals("Unknown Error", ((RemoteAmpException) t).description());
    c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void pendingCallsFailWhenTwistedCloses() throws Exception {
    AmpConnection c = connect();
    CompletableFuture<Delay.Result> pending = c.callRemote(new Delay(5_000, 9));
    c.callRemote(new Explode("fatal"));
    assertInstanceOf(AmpConnectionLostException.class, failure(pending));
  }
}
