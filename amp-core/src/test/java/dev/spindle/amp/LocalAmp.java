package dev.spindle.amp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connected pair of AMP endpoints over Netty's in-VM local transport, on two event loops: real
 * threads, no sockets. Connections are built by {@link AmpSetup#initializer}, as
 * AmpServer and AmpClient build theirs.
 */
final class LocalAmp implements AutoCloseable {
  final EventLoopGroup group;
  final Channel serverChannel;
  final AmpConnection server;
  final AmpConnection client;
  final Channel clientChannel;

  private LocalAmp(
      EventLoopGroup group,
      Channel serverChannel,
      AmpConnection server,
      AmpConnection client,
      Channel clientChannel) {
    this.group = group;
    this.serverChannel = serverChannel;
    this.server = server;
    this.client = client;
    this.clientChannel = clientChannel;
  }

  static LocalAmp connect(AmpEndpointBuilder<?> serverBuilder, AmpEndpointBuilder<?> clientBuilder)
      throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    try {
      CompletableFuture<AmpConnection> server = new CompletableFuture<>();
      Channel sc =
          new ServerBootstrap()
              .group(group)
              .channel(LocalServerChannel.class)
              .childHandler(serverBuilder.setup().initializer(null, server::complete))
              .bind(LocalAddress.ANY)
              .sync()
              .channel();
      AtomicReference<AmpConnection> client = new AtomicReference<>();
      Channel cc =
          new Bootstrap()
              .group(group)
              .channel(LocalChannel.class)
              .handler(clientBuilder.setup().initializer(null, client::set))
              .connect(sc.localAddress())
              .sync()
              .channel();
      return new LocalAmp(group, sc, server.get(30, TimeUnit.SECONDS), client.get(), cc);
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
