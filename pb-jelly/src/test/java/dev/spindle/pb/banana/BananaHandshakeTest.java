package dev.spindle.pb.banana;

import dev.spindle.testing.LeakChecked;
import static dev.spindle.testing.Vectors.hex;
import static dev.spindle.testing.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.testing.Vectors;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialect handshake of BANANA.md §5 against the {@code handshake} vectors. */
@LeakChecked
class BananaHandshakeTest {
  private static final JsonObject VECTORS = Vectors.load("banana.json");

  /** Records what reaches the application: Sexps and user events. */
  static final class App extends ChannelInboundHandlerAdapter {
    final List<Sexp> received = new ArrayList<>();
    final List<Object> events = new ArrayList<>();
    Sexp replyOnSelect;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      received.add((Sexp) msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      events.add(evt);
      if (evt instanceof BananaDialectSelected && replyOnSelect != null) {
        ctx.writeAndFlush(replyOnSelect);
      }
    }
  }

  private static EmbeddedChannel channel(BananaRole role, App app, List<BananaDialect> dialects) {
    return new EmbeddedChannel(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        BananaCodec.install(ch.pipeline(), role, BananaLimits.DEFAULT, dialects);
        ch.pipeline().addLast(app);
      }
    });
  }

  private static List<JsonObject> messages(String name) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : VECTORS.getAsJsonObject(name).getAsJsonArray("messages")) {
      out.add(e.getAsJsonObject());
    }
    return out;
  }

  @Test
  void serverSideOfTheTwistedHandshake() {
    List<JsonObject> m = messages("handshake");
    App app = new App();
    app.replyOnSelect = SexpJson.parse(m.get(3).get("sexp"));
    EmbeddedChannel server = channel(BananaRole.SERVER, app, BananaCodec.DEFAULT_DIALECTS);
    // The offer goes out as soon as the channel is active, in no dialect.
    assertEquals(m.get(0).get("hex").getAsString(), toHex(Channels.drainOutbound(server)));
    assertTrue(app.events.isEmpty());

    // The client's choice, then its first application message, in one read.
    byte[] fromClient = hex(m.get(1).get("hex").getAsString() + m.get(2).get("hex").getAsString());
    Channels.feed(server, fromClient, 0, fromClient.length);
    assertEquals(List.of(new BananaDialectSelected(BananaDialect.PB)), app.events);
    assertEquals(List.of(SexpJson.parse(m.get(2).get("sexp"))), app.received);
    assertEquals(m.get(3).get("hex").getAsString(), toHex(Channels.drainOutbound(server)));
    assertNull(server.pipeline().get(BananaCodec.HANDSHAKE_NAME), "the handshake handler is gone");
    assertEquals(BananaDialect.PB, ((BananaDecoder) server.pipeline().get(BananaCodec.DECODER_NAME)).dialect());
    assertEquals(BananaDialect.PB, ((BananaEncoder) server.pipeline().get(BananaCodec.ENCODER_NAME)).dialect());
    assertFalse(server.finishAndReleaseAll());
  }

  @Test
  void clientSideOfTheTwistedHandshake() {
    List<JsonObject> m = messages("handshake");
    App app = new App();
    app.replyOnSelect = SexpJson.parse(m.get(2).get("sexp"));
    EmbeddedChannel client = channel(BananaRole.CLIENT, app, BananaCodec.DEFAULT_DIALECTS);
    assertNull(client.readOutbound(), "a client waits for the offer");

    byte[] offer = hex(m.get(0).get("hex"));
    Channels.feed(client, offer, 0, offer.length);
    // "pb" in no dialect, then the application's first message in pb, back to back.
    assertEquals(m.get(1).get("hex").getAsString() + m.get(2).get("hex").getAsString(),
        toHex(Channels.drainOutbound(client)));
    assertEquals(List.of(new BananaDialectSelected(BananaDialect.PB)), app.events);
    assertTrue(app.received.isEmpty(), "the offer is not passed on");

    byte[] reply = hex(m.get(3).get("hex"));
    Channels.feed(client, reply, 0, reply.length);
    assertEquals(List.of(SexpJson.parse(m.get(3).get("sexp"))), app.received);
    assertFalse(client.finishAndReleaseAll());
  }

  @Test
  void clientOfferedNothingItKnowsClosesWithoutSending() {
    List<JsonObject> m = messages("handshake_reject");
    assertEquals("close", m.get(1).get("event").getAsString());
    App app = new App();
    EmbeddedChannel client = channel(BananaRole.CLIENT, app, BananaCodec.DEFAULT_DIALECTS);
    ChannelFuture held = client.writeAndFlush(Sexp.integer(1)); // held until the handshake
    byte[] offer = hex(m.get(0).get("hex"));
    BananaHandshakeException e = assertThrows(BananaHandshakeException.class,
        () -> Channels.feed(client, offer, 0, offer.length));
    assertFalse(client.isOpen());
    assertNull(client.readOutbound(), "nothing sent");
    assertInstanceOf(BananaHandshakeException.class, held.cause());
    assertEquals("server offered no dialect this client knows: [b'zz'] (expected: a list holding one of [pb, none])",
        e.getMessage());
    assertNull(e.pythonType());
    assertTrue(app.events.isEmpty());
    client.finishAndReleaseAll();
  }

  @Test
  void clientOfferedOnlyNoneAnswersNoneAndNeverUsesVocab() {
    App app = new App();
    app.replyOnSelect = Sexp.list(Sexp.ascii("version"), Sexp.integer(6));
    EmbeddedChannel client = channel(BananaRole.CLIENT, app, BananaCodec.DEFAULT_DIALECTS);
    byte[] offer = BananaEncoder.encode(Sexp.list(Sexp.ascii("zz"), Sexp.ascii("none")), BananaDialect.NONE);
    Channels.feed(client, offer, 0, offer.length);
    assertEquals("04826e6f6e65" + "0280078276657273696f6e0681", toHex(Channels.drainOutbound(client)));
    assertEquals(List.of(new BananaDialectSelected(BananaDialect.NONE)), app.events);
    assertThrows(DecoderException.class, () -> Channels.feed(client, hex("1387"), 0, 2));
    client.finishAndReleaseAll();
  }

  @Test
  void clientPrefersTheServersOrder() {
    App app = new App();
    EmbeddedChannel client = channel(BananaRole.CLIENT, app, List.of(BananaDialect.NONE, BananaDialect.PB));
    byte[] offer = hex("02800282706204826e6f6e65"); // ["pb", "none"]
    Channels.feed(client, offer, 0, offer.length);
    assertEquals("02827062", toHex(Channels.drainOutbound(client)));
    client.finishAndReleaseAll();
  }

  @Test
  void serverOffersOnlyItsConfiguredDialectsAndRefusesOthers() {
    App app = new App();
    EmbeddedChannel server = channel(BananaRole.SERVER, app, List.of(BananaDialect.NONE));
    assertEquals("018004826e6f6e65", toHex(Channels.drainOutbound(server)));
    byte[] pb = hex("02827062");
    BananaHandshakeException e = assertThrows(BananaHandshakeException.class,
        () -> Channels.feed(server, pb, 0, pb.length));
    assertFalse(server.isOpen());
    assertNull(server.readOutbound());
    assertEquals("client selected a dialect this server did not offer: b'pb' (expected: one of [none])", e.getMessage());
    server.finishAndReleaseAll();
  }

  @Test
  void serverRefusesAListAsTheChoice() {
    App app = new App();
    EmbeddedChannel server = channel(BananaRole.SERVER, app, BananaCodec.DEFAULT_DIALECTS);
    Channels.drainOutbound(server);
    byte[] list = hex("01800282706200"); // ["pb"] then a stray digit
    assertThrows(BananaHandshakeException.class, () -> Channels.feed(server, list, 0, list.length));
    assertFalse(server.isOpen());
    assertTrue(app.received.isEmpty());
    server.finishAndReleaseAll();
  }

  @Test
  void writesBeforeTheHandshakeAreHeldAndSentInTheChosenDialect() {
    App app = new App();
    EmbeddedChannel server = channel(BananaRole.SERVER, app, BananaCodec.DEFAULT_DIALECTS);
    Channels.drainOutbound(server); // the offer
    ChannelFuture early = server.writeAndFlush(Sexp.ascii("version"));
    assertFalse(early.isDone());
    assertNull(server.readOutbound());
    byte[] pb = hex("02827062");
    Channels.feed(server, pb, 0, pb.length);
    assertTrue(early.isSuccess());
    assertEquals("1387", toHex(Channels.drainOutbound(server)));
    server.finishAndReleaseAll();
  }

  @Test
  void aFramingErrorDuringTheHandshakeClosesTheConnection() {
    App app = new App();
    EmbeddedChannel client = channel(BananaRole.CLIENT, app, BananaCodec.DEFAULT_DIALECTS);
    ChannelFuture held = client.write(Sexp.integer(1));
    DecoderException e = assertThrows(DecoderException.class, () -> Channels.feed(client, hex("ff"), 0, 1));
    assertInstanceOf(BananaProtocolException.class, e.getCause());
    assertFalse(client.isOpen());
    assertNull(client.readOutbound());
    assertTrue(held.isDone() && !held.isSuccess());
    client.finishAndReleaseAll();
  }

  @Test
  void closingBeforeTheHandshakeFailsHeldWrites() {
    App app = new App();
    EmbeddedChannel client = channel(BananaRole.CLIENT, app, BananaCodec.DEFAULT_DIALECTS);
    ChannelFuture held = client.writeAndFlush(Sexp.integer(1));
    client.close();
    assertInstanceOf(BananaHandshakeException.class, held.cause());
    assertFalse(client.finishAndReleaseAll());
  }

  @Test
  void installRejectsBadDialectLists() {
    EmbeddedChannel ch = new EmbeddedChannel();
    assertThrows(IllegalArgumentException.class,
        () -> BananaCodec.install(ch.pipeline(), BananaRole.SERVER, BananaLimits.DEFAULT, List.of()));
    assertThrows(IllegalArgumentException.class, () -> BananaCodec.install(ch.pipeline(), BananaRole.SERVER,
        BananaLimits.DEFAULT, List.of(BananaDialect.PB, BananaDialect.PB)));
    ch.finishAndReleaseAll();
  }
}
