package dev.spindle.benchmarks;

import dev.spindle.amp.AmpServer;
import dev.spindle.pb.PbServer;
import io.netty.channel.EventLoopGroup;

/** The Java servers the load tools measure, on 127.0.0.1 and an ephemeral port. */
final class LoadServers {
  private LoadServers() {}

  /** An AMP server answering {@link Sum} and {@link Echo} with {@code responder} on {@code loop}. */
  static AmpServer amp(EventLoopGroup loop, LoadResponder responder) {
    return AmpServer.builder()
        .eventLoopGroup(loop)
        .bind("127.0.0.1", 0)
        .locator(new LoadResponder_AmpLocator(responder))
        .start();
  }

  /** A PB server whose root is {@code adder}'s generated skeleton, on {@code loop}. */
  static PbServer pbTyped(EventLoopGroup loop, TypedAdder adder) {
    return PbServer.builder().eventLoopGroup(loop).bind("127.0.0.1", 0)
        .root(TypedAdder_PbSkeleton.of(adder)).start();
  }

  /** A PB server whose root is {@code adder}, on {@code loop}. */
  static PbServer pb(EventLoopGroup loop, Adder adder) {
    return PbServer.builder().eventLoopGroup(loop).bind("127.0.0.1", 0).root(adder).start();
  }
}
