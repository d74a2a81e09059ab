package dev.spindle.pb.banana;

import io.netty.channel.ChannelPipeline;
import java.util.List;
import java.util.Objects;

/**
 * Installs Banana on a channel: the {@link BananaDecoder}, the {@link BananaEncoder} and the
 * dialect handshake. Handlers added after it read and write {@link Sexp}s.
 *
 * <pre>{@code
 * bootstrap.handler(new ChannelInitializer<SocketChannel>() {
 *   protected void initChannel(SocketChannel ch) {
 *     BananaCodec.install(ch.pipeline(), BananaRole.CLIENT, BananaLimits.DEFAULT);
 *     ch.pipeline().addLast(new MyHandler()); // awaits BananaDialectSelected; reads, writes Sexps
 *   }
 * });
 * }</pre>
 *
 * <p>The server offers its dialects as soon as the channel is active; once both sides agree,
 * decoder and encoder switch together, a {@link BananaDialectSelected} user event is fired and the
 * handshake handler removes itself. {@code Sexp}s written before that are held and sent in the
 * chosen dialect. A failed handshake closes the channel without sending anything and fires a
 * {@link BananaHandshakeException}; a framing error fires a {@link
 * io.netty.handler.codec.DecoderException} caused by a {@link BananaProtocolException}, after which
 * the decoder discards input: the handler that receives it should close the channel, as Twisted
 * drops the connection (during the handshake this is done for you).
 *
 * <p>Thread-safe; install from the channel's initializer or event loop.
 */
public final class BananaCodec {
  /** Twisted's {@code Banana.knownDialects}: {@code pb}, then {@code none}. */
  public static final List<BananaDialect> DEFAULT_DIALECTS =
      List.of(BananaDialect.PB, BananaDialect.NONE);

  /** The pipeline name of the {@link BananaDecoder}. */
  public static final String DECODER_NAME = "banana-decoder";

  /** The pipeline name of the {@link BananaEncoder}. */
  public static final String ENCODER_NAME = "banana-encoder";

  /** The pipeline name of the handshake handler (gone once the dialect is selected). */
  public static final String HANDSHAKE_NAME = "banana-handshake";

  private BananaCodec() {}

  /**
   * Adds Banana at the end of {@code pipeline}, knowing Twisted's dialects ({@link
   * #DEFAULT_DIALECTS}).
   *
   * @param pipeline the channel's pipeline; Banana's handlers are added last
   * @param role whether this side accepted the connection (server) or made it (client)
   * @param limits the size limits both the decoder and the encoder enforce
   */
  public static void install(ChannelPipeline pipeline, BananaRole role, BananaLimits limits) {
    install(pipeline, role, limits, DEFAULT_DIALECTS);
  }

  /**
   * Adds Banana at the end of {@code pipeline}.
   *
   * @param dialects the dialects this side knows, in preference order: a server offers them in
   *     this order; a client accepts the first of the server's that appears here
   * @param pipeline the channel's pipeline; Banana's handlers are added last
   * @param role whether this side accepted the connection (server) or made it (client)
   * @param limits the size limits both the decoder and the encoder enforce
   * @throws IllegalArgumentException if {@code dialects} is empty or repeats a dialect
   */
  public static void install(
      ChannelPipeline pipeline, BananaRole role, BananaLimits limits, List<BananaDialect> dialects) {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(limits, "limits");
    List<BananaDialect> known = List.copyOf(dialects);
    if (known.isEmpty() || known.stream().distinct().count() != known.size()) {
      throw new IllegalArgumentException(
          "dialects: " + known + " (expected: at least one, each at most once)");
    }
    BananaDecoder decoder = new BananaDecoder(limits, BananaDialect.NONE);
    BananaEncoder encoder = new BananaEncoder(limits, BananaDialect.NONE);
    pipeline.addLast(DECODER_NAME, decoder);
    pipeline.addLast(ENCODER_NAME, encoder);
    pipeline.addLast(HANDSHAKE_NAME, new BananaHandshakeHandler(role, known, decoder, encoder));
  }
}
