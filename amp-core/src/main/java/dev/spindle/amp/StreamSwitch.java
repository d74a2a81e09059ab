package dev.spindle.amp;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.ProtocolSwitchedException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.exceptions.TlsHandshakeException;
import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.amp.internal.AmpTransport;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.transport.internal.TransportHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.net.ssl.SSLSession;

/**
 * StartTLS and protocol switches on one AMP connection, both ways (asking and answering), in one
 * place: the write gate they need is {@link AmpTransport}'s ({@code holdWrites}, {@code
 * releaseWrites}, {@code lock}, {@code afterWrite}, {@code switched}), the pipeline change of
 * StartTLS is {@link Tls#startTls}. Twisted: {@code amp.StartTLS}, {@code _TLSBox}, {@code
 * ProtocolSwitchCommand}, {@code _SwitchBox}. Thread-safe where its callers are.
 */
final class StreamSwitch {
  /** The command name of Twisted's {@code amp.StartTLS}. */
  static final String START_TLS = "StartTLS";
  private static final byte[] START_TLS_NAME = START_TLS.getBytes(StandardCharsets.US_ASCII);

  private final AmpTransport handler;
  private final BoxDispatcher dispatcher;

  StreamSwitch(AmpTransport handler, BoxDispatcher dispatcher) {
    this.handler = handler;
    this.dispatcher = dispatcher;
  }

  /** See {@link AmpConnection#startTls}. */
  CompletableFuture<SSLSession> startTls(SslContext context) {
    Objects.requireNonNull(context, "context");
    CompletableFuture<SSLSession> result = new CompletableFuture<>();
    if (dispatcher == null) {
      result.completeExceptionally(
          new IllegalStateException("this connection's boxes go to a custom BoxReceiver"));
      return result;
    }
    handler.handler().execute(
        new TransportHandler.LoopTask() {
          @Override
          public void run() {
            AmpTransport h = handler;
            Channel ch = h.channel();
            if (ch.pipeline().get(SslHandler.class) != null) {
              result.completeExceptionally(new IllegalStateException("TLS is already on " + ch));
              return;
            }
            if (context.isClient() != Tls.isTcpClient(ch)) {
              result.completeExceptionally(
                  new IllegalArgumentException(
                      "a " + (Tls.isTcpClient(ch) ? "client" : "server")
                          + " SslContext is needed: the side that opened the TCP connection is"
                          + " the TLS client"));
              return;
            }
            BoxDispatcher.PendingCall call =
                new BoxDispatcher.PendingCall() {
                  @Override
                  public void answer(AmpBox box) {
                    SslHandler ssl;
                    try {
                      ssl = Tls.of(ch).startTls(ch, context);
                    } catch (RuntimeException e) {
                      result.completeExceptionally(e);
                      h.unhandledError(e);
                      return;
                    }
                    h.releaseWrites();
                    completeOnHandshake(ssl, result);
                  }

                  @Override
                  public void error(String code, String description) {
                    AmpException e =
                        AmpKeys.UNHANDLED_ERROR_CODE.equals(code)
                            ? new UnhandledCommandException(description)
                            : new RemoteAmpException(code, description);
                    result.completeExceptionally(e);
                    h.unhandledError(e); // what was held for TLS must not go out in plain text
                  }

                  @Override
                  public void connectionLost(ConnectionLostException e) {
                    result.completeExceptionally(e);
                  }
                };
            if (dispatcher.sendCommand(START_TLS_NAME, new AmpBox(2), call)) {
              h.holdWrites();
            }
          }

          @Override
          public void fail(Throwable cause) {
            result.completeExceptionally(cause);
          }
        });
    return result;
  }

  /**
   * The responder of Twisted's {@code StartTLS} (see {@link AmpEndpointBuilder#acceptStartTls}):
   * answers in plain text, then starts TLS with {@code context} before anything else is sent.
   */
  BoxResponder startTlsResponder(SslContext context) {
    return box -> {
      Channel ch = handler.channel();
      if (ch.pipeline().get(SslHandler.class) != null) {
        return CompletableFuture.failedFuture(
            new RemoteAmpException("TLS_ERROR", "TLS is already started"));
      }
      AmpBox answer = new AmpBox(1);
      handler.afterWrite(
          answer,
          () -> {
            SslHandler ssl;
            try {
              ssl = Tls.of(ch).startTls(ch, context);
            } catch (RuntimeException e) {
              handler.unhandledError(e);
              return;
            }
            completeOnHandshake(ssl, new CompletableFuture<>());
          });
      return CompletableFuture.completedFuture(answer);
    };
  }

  private static void completeOnHandshake(SslHandler ssl, CompletableFuture<SSLSession> result) {
    ssl.handshakeFuture()
        .addListener(
            f -> {
              if (f.isSuccess()) {
                result.complete(ssl.engine().getSession());
              } else {
                result.completeExceptionally(
                    new TlsHandshakeException("TLS handshake failed: " + f.cause(), f.cause()));
              }
            });
  }

  /** See {@link AmpConnection#switchProtocol}. */
  CompletableFuture<AmpBox> switchProtocol(
      String commandName, AmpBox arguments, ChannelHandler protocol) {
    Objects.requireNonNull(commandName, "commandName");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(protocol, "protocol");
    CompletableFuture<AmpBox> result = new CompletableFuture<>();
    if (dispatcher == null) {
      result.completeExceptionally(
          new IllegalStateException("this connection's boxes go to a custom BoxReceiver"));
      return result;
    }
    byte[] name = commandName.getBytes(StandardCharsets.UTF_8);
    AmpBox box = arguments.copy();
    handler.handler().execute(
        new TransportHandler.LoopTask() {
          @Override
          public void run() {
            AmpTransport h = handler;
            BoxDispatcher.PendingCall call =
                new BoxDispatcher.PendingCall() {
                  @Override
                  public void answer(AmpBox answer) {
                    switchNow(h, protocol);
                    result.complete(answer);
                  }

                  @Override
                  public void error(String code, String description) {
                    h.unlock();
                    result.completeExceptionally(
                        AmpKeys.UNHANDLED_ERROR_CODE.equals(code)
                            ? new UnhandledCommandException(description)
                            : new RemoteAmpException(code, description));
                  }

                  @Override
                  public void connectionLost(ConnectionLostException e) {
                    result.completeExceptionally(e);
                  }
                };
            if (dispatcher.sendCommand(name, box, call)) {
              h.lock("this connection is switching to " + protocol + ": no AMP traffic allowed");
            }
          }

          @Override
          public void fail(Throwable cause) {
            result.completeExceptionally(cause);
          }
        });
    return result;
  }

  /** See {@link AmpConnection#protocolSwitchResponder}. */
  BoxResponder protocolSwitchResponder(
      Function<AmpBox, ? extends ChannelHandler> protocolFactory) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    return box -> {
      ChannelHandler next = Objects.requireNonNull(protocolFactory.apply(box), "protocol");
      AmpBox answer = new AmpBox(1);
      handler.afterWrite(answer, () -> switchNow(handler, next));
      return CompletableFuture.completedFuture(answer);
    };
  }

  /**
   * Hands the channel's bytes to {@code protocol}: it goes where the AMP decoder was, the AMP
   * handlers leave, and the bytes the decoder read past the last box go to {@code protocol} (a
   * decoder leaving passes them on to the next handler). Any TLS handler stays. Event loop only.
   */
  private static void switchNow(AmpTransport h, ChannelHandler protocol) {
    h.switched(new ProtocolSwitchedException("this connection has switched to " + protocol));
    ChannelPipeline p = h.channel().pipeline();
    ChannelHandlerContext decoder = p.context(AmpBoxDecoder.class);
    p.addAfter(decoder.name(), "switched", protocol);
    p.remove(h.handler());
    p.remove(ConnectionSetup.ENCODER);
    if (p.get(ConnectionSetup.FLOW) != null) {
      p.remove(ConnectionSetup.FLOW);
    }
    p.remove(decoder.handler());
  }
}
