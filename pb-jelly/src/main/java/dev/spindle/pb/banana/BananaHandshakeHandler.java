package dev.spindle.pb.banana;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Negotiates the Banana dialect (Twisted: {@code Banana.connectionMade} and the first call of
 * {@code callExpressionReceived}), then switches the decoder and encoder together, fires {@link
 * BananaDialectSelected} and removes itself.
 *
 * <p>The server sends its dialects, in preference order, as one list of byte strings as soon as
 * the channel is active. The client answers with the first entry it also knows, as a single byte
 * string, and switches; the server switches when that answer arrives. A client offered nothing it
 * knows, or a server answered with something it did not offer, closes the connection without
 * sending anything and fires a {@link BananaHandshakeException}, where Twisted logs and
 * disconnects. {@code Sexp}s written by later handlers before the handshake completes are held
 * and sent, in order, in the new dialect.
 *
 * <p>Event-loop confined; one instance per channel.
 */
final class BananaHandshakeHandler extends ChannelDuplexHandler {
  private static final Logger logger = LoggerFactory.getLogger(BananaHandshakeHandler.class);

  private final BananaRole role;
  private final List<BananaDialect> dialects;
  private final BananaDecoder decoder;
  private final BananaEncoder encoder;

  private PendingWriteQueue pending;
  private boolean offered;
  private boolean finished;

  BananaHandshakeHandler(
      BananaRole role, List<BananaDialect> dialects, BananaDecoder decoder, BananaEncoder encoder) {
    this.role = role;
    this.dialects = dialects;
    this.decoder = decoder;
    this.encoder = encoder;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    pending = new PendingWriteQueue(ctx);
    if (ctx.channel().isActive()) {
      offer(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    offer(ctx);
    ctx.fireChannelActive();
  }

  /** Server: sends the dialect list, before any dialect (and so any vocabulary) is in effect. */
  private void offer(ChannelHandlerContext ctx) {
    if (role != BananaRole.SERVER || offered) {
      return;
    }
    offered = true;
    List<Sexp> names = new ArrayList<>(dialects.size());
    for (BananaDialect d : dialects) {
      names.add(d.toSexp());
    }
    logger.debug("{} banana: offering dialects {}", ctx.channel(), dialects);
    ctx.writeAndFlush(Sexp.list(names))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (finished) {
      return; // failed: the channel is closing; drop whatever was still decoded
    }
    Sexp first = (Sexp) msg;
    if (role == BananaRole.CLIENT) {
      BananaDialect chosen = choose(first);
      if (chosen == null) {
        fail(ctx, "server offered no dialect this client knows: " + describe(first)
            + " (expected: a list holding one of " + names() + ")");
        return;
      }
      // Answer in the old dialect (no vocabulary), then switch.
      ctx.write(chosen.toSexp()).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
      select(ctx, chosen);
    } else {
      BananaDialect chosen = BananaDialect.forSexp(first);
      if (chosen == null || !dialects.contains(chosen)) {
        fail(ctx, "client selected a dialect this server did not offer: " + describe(first)
            + " (expected: one of " + names() + ")");
        return;
      }
      select(ctx, chosen);
    }
  }

  /** Client: the first entry of the server's list that this side knows, or null. */
  private BananaDialect choose(Sexp offer) {
    if (offer instanceof Sexp.SList list) {
      for (Sexp item : list.items()) {
        BananaDialect d = BananaDialect.forSexp(item);
        if (d != null && dialects.contains(d)) {
          return d;
        }
      }
    }
    return null;
  }

  private void select(ChannelHandlerContext ctx, BananaDialect dialect) {
    finished = true;
    decoder.setDialect(dialect);
    encoder.setDialect(dialect);
    logger.debug("{} banana: dialect {} selected", ctx.channel(), dialect.wireName());
    pending.removeAndWriteAll();
    ctx.fireUserEventTriggered(new BananaDialectSelected(dialect));
    ctx.flush();
    ctx.pipeline().remove(this);
  }

  private void fail(ChannelHandlerContext ctx, String message) {
    finished = true;
    BananaHandshakeException e = new BananaHandshakeException(message);
    logger.debug("{} banana: {}: disconnecting", ctx.channel(), message);
    pending.removeAndFailAll(e);
    ctx.close();
    ctx.fireExceptionCaught(e);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (finished) {
      ctx.write(msg, promise);
    } else {
      pending.add(msg, promise);
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (finished) {
      ctx.flush();
    }
    // Otherwise held writes are flushed when the handshake completes.
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!finished) {
      // A framing error during the handshake: Twisted drops the connection.
      finished = true;
      pending.removeAndFailAll(cause);
      ctx.close();
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!finished) {
      finished = true;
      pending.removeAndFailAll(
          new BananaHandshakeException("connection closed before the dialect handshake completed"));
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (!pending.isEmpty()) {
      pending.removeAndFailAll(
          new BananaHandshakeException("handshake handler removed before the handshake completed"));
    }
  }

  private String names() {
    List<String> names = new ArrayList<>(dialects.size());
    for (BananaDialect d : dialects) {
      names.add(d.wireName());
    }
    return names.toString();
  }

  /** A short description of an unexpected first expression, for the log and the exception. */
  private static String describe(Sexp sexp) {
    if (sexp instanceof Sexp.Bytes b) {
      if (b.length() > 32) {
        return "a byte string of " + b.length() + " bytes";
      }
      StringBuilder sb = new StringBuilder("b'");
      for (byte c : b.value()) {
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
          sb.append((char) c);
        } else {
          sb.append(String.format("\\x%02x", c & 0xff));
        }
      }
      return sb.append('\'').toString();
    }
    if (sexp instanceof Sexp.SList l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size() && i < 8; i++) {
        Sexp item = l.get(i);
        sb.append(i == 0 ? "" : ", ").append(item instanceof Sexp.SList ? "[...]" : describe(item));
      }
      return sb.append(l.size() > 8 ? ", ...]" : "]").toString();
    }
    return String.valueOf(sexp);
  }
}
