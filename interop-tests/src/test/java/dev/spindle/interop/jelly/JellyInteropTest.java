package dev.spindle.interop.jelly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.banana.BananaCodec;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaDialectSelected;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.BananaRole;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.FrozenSet;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.jelly.SecurityOptions;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.testing.LeakChecked;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Banana and Jelly against real Twisted 22.4 ({@code jelly_peer.py}: {@code twisted.spread.banana}
 * and {@code jelly}) over a real socket, banana handshake included. Each side checks what it got:
 * Python unjellies Java's values and compares them with their typed description, then echoes them;
 * Java unjellies Python's seeded random values and compares them with theirs.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JellyInteropTest {
  private static final JellyRegistry JELLY =
      JellyRegistry.builder().security(SecurityOptions.globalSecurity()).build();

  private static EventLoopGroup group;
  private static TwistedPeer twisted;

  @BeforeAll
  static void start() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    twisted = TwistedPeer.startServer("jelly_peer.py");
  }

  @AfterAll
  static void stop() throws Exception {
    if (twisted != null) {
      twisted.close();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** One Banana client connection: what it received, and the negotiated dialect. */
  private static final class Peer implements AutoCloseable {
    final Channel channel;
    final BlockingQueue<Sexp> received = new LinkedBlockingQueue<>();
    final CompletableFuture<BananaDialect> dialect = new CompletableFuture<>();

    Peer(int port) throws Exception {
      Bootstrap b =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .handler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      BananaCodec.install(ch.pipeline(), BananaRole.CLIENT, BananaLimits.DEFAULT);
                      ch.pipeline()
                          .addLast(
                              new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                  received.add((Sexp) msg);
                                }

                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                  if (evt instanceof BananaDialectSelected) {
                                    dialect.complete(((BananaDialectSelected) evt).dialect());
                                  }
                                  ctx.fireUserEventTriggered(evt);
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                  dialect.completeExceptionally(cause);
                                  ctx.close();
                                }
                              });
                    }
                  });
      channel = b.connect("127.0.0.1", port).sync().channel();
    }

    void send(Sexp... items) {
      channel.writeAndFlush(Sexp.list(items));
    }

    Sexp.SList take() throws InterruptedException {
      Sexp s = received.poll(30, TimeUnit.SECONDS);
      if (s == null) {
        throw new AssertionError("no answer from Twisted within 30 s");
      }
      return (Sexp.SList) s;
    }

    @Override
    public void close() {
      channel.close().syncUninterruptibly();
    }
  }

  private static Sexp.Bytes bytes(String s) {
    return new Sexp.Bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Sexp s) {
    return new String(((Sexp.Bytes) s).value(), StandardCharsets.UTF_8);
  }

  @Test
  void handshakeNegotiatesPbDialectWithTwisted() throws Exception {
    try (Peer p = new Peer(twisted.port())) {
      assertEquals(BananaDialect.PB, p.dialect.get(10, TimeUnit.SECONDS));
      p.send(bytes("dialect"));
      Sexp.SList answer = p.take();
      assertEquals("pb", text(answer.get(1)));
    }
  }

  @Test
  void handshakeFallsBackToNoneWhenTwistedOffersOnlyNone() throws Exception {
    try (TwistedPeer noneOnly = TwistedPeer.startServer("jelly_peer.py", "none");
        Peer p = new Peer(noneOnly.port())) {
      assertEquals(BananaDialect.NONE, p.dialect.get(10, TimeUnit.SECONDS));
      // Vocabulary words must now travel spelled out; Twisted checks the round trip.
      checkAll(p, List.of(List.of(ByteString.ascii("list"), ByteString.ascii("None")), Tuple.of(1L)));
    }
  }

  private static List<Object> edgeValues() {
    List<Object> shared = new ArrayList<>(List.of(1L));
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    Map<Object, Object> selfMap = new LinkedHashMap<>();
    selfMap.put("self", selfMap);
    Map<Object, Object> dict = new LinkedHashMap<>();
    dict.put("a", 1L);
    dict.put(ByteString.ascii("b"), "x");
    dict.put(7L, Tuple.of("t", 1L));
    return Arrays.asList(
        null, true, false, 0L, -1L, 2147483647L, 2147483648L, -2147483648L, -2147483649L,
        Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.ONE.shiftLeft(447),
        BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE).negate(),
        0.0, -0.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, new byte[0], "bytes".getBytes(StandardCharsets.US_ASCII),
        ByteString.ascii("dereference"), "", "héllo 日本 😀", "a\u0000b",
        new ArrayList<>(), List.of(1L, "two", List.of(3L)), Tuple.of(), Tuple.of(1L, "a"),
        dict, new LinkedHashSet<>(List.of(1L, 2L, 3L)), FrozenSet.of("x"),
        new BigDecimal("-1.50"), new BigDecimal("1E+10"), new BigDecimal("0.000001"),
        LocalDateTime.of(2022, 4, 1, 12, 30, 45, 123456000), LocalDate.of(1, 1, 1),
        LocalTime.of(0, 0), LocalTime.of(23, 59, 59, 999999000),
        Duration.ofSeconds(-1), Duration.ofDays(999999999), Duration.ofNanos(1000),
        List.of(shared, shared), cyclic, selfMap);
  }

  private static void checkAll(Peer p, List<Object> values) throws Exception {
    List<String> failures = new ArrayList<>();
    for (Object v : values) {
      String typed = TypedJson.describe(v).toString();
      p.send(bytes("check"), bytes(typed), JELLY.jelly(v));
    }
    for (Object v : values) {
      Sexp.SList answer = p.take();
      assertEquals("checked", text(answer.get(0)));
      String status = text(answer.get(2));
      if (!status.equals("ok")) {
        failures.add(text(answer.get(1)) + " -> " + status);
        continue;
      }
      Object echoed = JELLY.unjelly(answer.get(3));
      if (!TypedJson.same(v, echoed)) {
        failures.add("echo of " + text(answer.get(1)) + " came back as " + echoed);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void edgeValuesSurviveTwistedBothWays() throws Exception {
    try (Peer p = new Peer(twisted.port())) {
      checkAll(p, edgeValues());
    }
  }

  @Test
  void randomJavaValuesSurviveTwisted() throws Exception {
    RandomValues random = new RandomValues(20261121L);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      values.add(random.value(0));
    }
    try (Peer p = new Peer(twisted.port())) {
      checkAll(p, values);
    }
  }

  /**
   * Java as the Banana server (it offers the dialects), Twisted as the client: Twisted sends its
   * random values, Java unjellies and re-jellies each one, Twisted compares what comes back.
   */
  @Test
  void twistedClientGetsItsValuesBackFromJavaBananaServer() throws Exception {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    BananaCodec.install(ch.pipeline(), BananaRole.SERVER, BananaLimits.DEFAULT);
                    ch.pipeline()
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                Sexp.SList m = (Sexp.SList) msg;
                                Object value = JELLY.unjelly(m.get(1));
                                ctx.writeAndFlush(Sexp.list(bytes("echo"), JELLY.jelly(value)));
                              }

                              @Override
                              public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
                                ctx.close();
                              }
                            });
                  }
                });
    Channel server = b.bind("127.0.0.1", 0).sync().channel();
    try {
      int port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient("jelly_peer.py", 100, String.valueOf(port), "11", "400");
      assertEquals(List.of(), run.linesStartingWith("FAIL"), String.join("\n", run.lines()));
      assertEquals(List.of("summary: ok=400 failed=0"), run.linesStartingWith("summary"));
      assertEquals(0, run.exitCode());
    } finally {
      server.close().sync();
    }
  }

  @Test
  void randomTwistedValuesArriveAsTheirJavaTypes() throws Exception {
    try (Peer p = new Peer(twisted.port())) {
      int count = 500;
      p.send(bytes("generate"), Sexp.integer(7), Sexp.integer(count));
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Sexp.SList msg = p.take();
        assertEquals("value", text(msg.get(0)));
        JsonObject typed = JsonParser.parseString(text(msg.get(1))).getAsJsonObject();
        Object expected = TypedJson.value(typed);
        Object got = JELLY.unjelly(msg.get(2));
        if (!TypedJson.same(expected, got)) {
          failures.add(typed + " arrived as " + got);
        }
      }
      Sexp.SList done = p.take();
      assertEquals("done", text(done.get(0)));
      assertEquals(List.of(), failures);
    }
  }
}
