package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.interop.pb.PeerTypes.Callback;
import dev.spindle.interop.pb.PeerTypes.Point;
import dev.spindle.interop.pb.PeerTypes.RemoteCounter;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.FrozenSet;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.util.Pagers;
import dev.spindle.testing.LeakChecked;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Java PB client, real Twisted 22.4 PB server ({@code pb_peer.py server}), over 127.0.0.1. */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaPbClientTwistedServerTest {
  private static TwistedPeer twisted;
  private static PbClient client;
  private static RemoteReference root;

  @BeforeAll
  static void start() throws Exception {
    twisted = TwistedPeer.startServer("pb_peer.py");
    client =
        PbClient.builder()
            .jelly(PeerTypes.registry())
            .remoteCache("spindle.interop.Counter", RemoteCounter::new)
            .build();
    root = client.getRootObject("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
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

  private static Object call(RemoteReference ref, String method, Object... args) throws Exception {
    return ref.callRemote(method, args).get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void everyJellyTypeRoundTripsThroughTwisted() throws Exception {
    Map<Object, Object> dict = new LinkedHashMap<>();
    dict.put("k", Arrays.asList((Object) null));
    dict.put(3L, ByteString.ascii("v"));
    List<Object> values =
        Arrays.asList(
            0L, -7L, 1L << 40, BigInteger.TWO.pow(447).negate(), 1.5, -0.0,
            Double.POSITIVE_INFINITY, "héllo 😀", ByteString.ascii("bytes"), ByteString.ascii("list"),
            null, true, false, List.of(1L, List.of(2L, List.of(3L))), Tuple.of(1L, ByteString.ascii("t")),
            dict, new LinkedHashSet<>(List.of(1L, 2L)), FrozenSet.of(ByteString.ascii("x")),
            new BigDecimal("-1.50"), LocalDateTime.of(2022, 4, 1, 12, 30, 45, 123456000),
            LocalDate.of(1999, 12, 31), LocalTime.of(23, 59, 59, 999999000),
            Duration.ofDays(-1).plusSeconds(5).plusNanos(7000));
    for (Object v : values) {
      Object got = call(root, "echo", v);
      boolean same =
          v instanceof Double
              ? Double.doubleToRawLongBits((Double) v) == Double.doubleToRawLongBits((Double) got)
              : v instanceof BigDecimal ? v.toString().equals(String.valueOf(got)) : Objects.equals(v, got);
      assertTrue(same, "echo " + v + " came back as " + got);
    }
  }

  @Test
  void sharedListsStayShared() throws Exception {
    List<Object> shared = new ArrayList<>(List.of(1L));
    List<?> got = (List<?>) call(root, "echo", List.of(shared, shared));
    assertTrue(got.get(0) == got.get(1), "one object twice");
  }

  @Test
  void keywordArguments() throws Exception {
    assertEquals(3L, root.callRemoteWithKeywords("add", List.of(1L), Map.of("b", 2L)).get(10, TimeUnit.SECONDS));
  }

  @Test
  void aNullArgumentArrayIsOneNone() throws Exception {
    // Buildbot's complete(None): Java passes a null array for callRemote("m", null).
    root.callRemote("record", "something").get(10, TimeUnit.SECONDS);
    assertNull(root.callRemote("record", null).get(10, TimeUnit.SECONDS), "remote_record(None)");
    assertNull(root.callRemote("lastRecorded").get(10, TimeUnit.SECONDS), "Twisted got None");
    assertNull(root.callRemote("echo", null).get(10, TimeUnit.SECONDS));
    root.callRemote("record", "again").get(10, TimeUnit.SECONDS);
    root.callRemoteNoAnswer("record", null).get(10, TimeUnit.SECONDS);
    assertNull(root.callRemote("lastRecorded").get(10, TimeUnit.SECONDS));
  }

  @Test
  void pythonExceptionsArriveWithTheirTypeNames() {
    RemotePbException e = (RemotePbException) failure(root.callRemote("fail", "boom"));
    assertEquals("builtins.ValueError", e.typeName());
    assertEquals("boom", e.value());
    assertTrue(e.check("builtins.ValueError"));
    RemotePbException pbError = (RemotePbException) failure(root.callRemote("failPB", "nope"));
    assertTrue(pbError.check("twisted.spread.pb.Error"));
    RemotePbException noSuch = (RemotePbException) failure(root.callRemote("noSuchMethod"));
    assertEquals("twisted.spread.flavors.NoSuchMethod", noSuch.typeName());
    Throwable copyable = failure(root.callRemote("failCopyable", 42L));
    assertTrue(copyable instanceof RemotePbException, String.valueOf(copyable));
  }

  @Test
  void referenceablesBothWays() throws Exception {
    RemoteReference child = (RemoteReference) call(root, "getChild");
    assertEquals(List.of(ByteString.ascii("pong"), 5L), call(child, "ping", 5L));
    assertEquals(true, call(root, "isChild", child));
    Callback cb = new Callback();
    assertEquals(42L, call(root, "callMeBack", cb, 21L));
    assertEquals("ValueError", call(root, "trapFailure", cb));
  }

  @Test
  void decrefIsSeenByTwisted() throws Exception {
    long before = (Long) call(root, "exportedCount");
    RemoteReference fresh = (RemoteReference) call(root, "newChild");
    assertEquals(before + 1, call(root, "exportedCount"));
    fresh.release();
    // decref goes out before the next call on the same connection, so Twisted has processed it.
    assertEquals(before, call(root, "exportedCount"));
    assertInstanceOf(DeadReferenceException.class, failure(fresh.callRemote("ping", 1L)));
  }

  @Test
  void copiesBothWays() throws Exception {
    Point p = (Point) call(root, "getPoint", 3L, 4L);
    assertEquals(3L, p.x);
    assertEquals(4L, p.y);
    assertEquals(11L, call(root, "sumPoint", new Point(5, 6)));
  }

  /** The client's own class for Twisted's Point: no Copyable, no state function. */
  record ReceivedPoint(long x, long y) {}

  @Test
  void receiveOnlyCopyRegisteredOnTheBuilder() throws Exception {
    try (PbClient receiving = PbClient.builder()
        .remoteCopy("spindle.interop.Point", ReceivedPoint.class,
            s -> new ReceivedPoint(((Number) s.get("x")).longValue(), ((Number) s.get("y")).longValue()))
        .build()) {
      RemoteReference r = receiving.getRootObject("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
      assertEquals(new ReceivedPoint(3, 4), call(r, "getPoint", 3L, 4L));
    }
  }

  @Test
  void cacheableWithUpdatesAndStoppedObserving() throws Exception {
    RemoteCounter counter = (RemoteCounter) call(root, "getCounter");
    assertEquals(0L, counter.value);
    for (long i = 1; i <= 3; i++) {
      assertEquals(i, call(root, "increment"));
      assertEquals(i, counter.value, "observe_setValue ran before the answer");
    }
    long stoppedBefore = (Long) call(root, "stoppedCount");
    counter.release();
    assertEquals(stoppedBefore + 1, call(root, "stoppedCount"));
  }

  @Test
  void viewable() throws Exception {
    RemoteReference viewable = (RemoteReference) call(root, "getViewable");
    assertEquals(List.of(true, 7L), call(viewable, "whoSees", 7L));
  }

  @Test
  void callWithoutAnswer() throws Exception {
    root.callRemoteNoAnswer("record", ByteString.ascii("no answer"));
    assertEquals(ByteString.ascii("no answer"), call(root, "lastRecorded"));
  }

  @Test
  void thousandCallsInFlight() throws Exception {
    List<CompletableFuture<Object>> calls = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      calls.add(root.callRemoteWithKeywords("add", List.of(i), Map.of("b", i)));
    }
    for (int i = 0; i < 1000; i++) {
      assertEquals(2L * i, calls.get(i).get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void aMebibytePagedFromTwisted() throws Exception {
    long size = 1 << 20;
    List<Object> pages = Pagers.getAllPages(root, "getPages", size).get(30, TimeUnit.SECONDS);
    assertEquals(128, pages.size(), "Twisted's StringPager sends 8 KiB pages");
    assertEquals(PeerTypes.lengthAndSha1(List.of(ByteString.of(PeerTypes.pagedData(size)))),
        PeerTypes.lengthAndSha1(pages));
  }

  @Test
  void aMebibytePagedToTwisted() throws Exception {
    long size = 1 << 20;
    // Twisted's fetchPages calls util.getAllPages(cb, "getPages", size): the Java StringPager pages.
    Object got = root.callRemote("fetchPages", new Callback(), size).get(30, TimeUnit.SECONDS);
    assertEquals(PeerTypes.lengthAndSha1(List.of(ByteString.of(PeerTypes.pagedData(size)))), got);
  }

  @Test
  void aFailedPagingCallFailsTheFuture() {
    Throwable e = failure(Pagers.getAllPages(root, "getPages", "not a size"));
    assertTrue(e instanceof RemotePbException && ((RemotePbException) e).check("builtins.TypeError"),
        String.valueOf(e));
  }

  @Test
  void pendingCallsFailWhenTheConnectionCloses() throws Exception {
    RemoteReference other = client.getRootObject("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
    CompletableFuture<Object> pending = other.callRemote("callMeBack", new Callback() {
      @Override
      public long remote_called(long value) {
        other.connection().close();
        return value;
      }
    }, 1L);
    assertInstanceOf(PbConnectionLostException.class, failure(pending));
  }
}
