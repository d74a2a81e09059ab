package dev.spindle.pb;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * A Java server and a Java client on two {@link EmbeddedChannel}s, joined by {@link #pump()},
 * which carries each side's writes to the other until both are quiet. Deterministic: everything
 * runs on the test thread.
 */
final class EmbeddedPair implements AutoCloseable {
  final EmbeddedPb server;
  final EmbeddedPb client;

  EmbeddedPair(Object root, PbServer.Builder serverBuilder, PbClient.Builder clientBuilder) {
    server = EmbeddedPb.server(root, serverBuilder);
    client = EmbeddedPb.client(clientBuilder);
    pump();
  }

  EmbeddedPair(Object root) {
    this(root, PbServer.builder(), PbClient.builder());
  }

  /** Carries messages both ways until neither side writes more; returns the messages carried. */
  int pump() {
    int carried = 0;
    boolean moved = true;
    while (moved) {
      moved = false;
      moved |= carry(server, client);
      moved |= carry(client, server);
      if (moved) {
        carried++;
      }
    }
    return carried;
  }

  private static boolean carry(EmbeddedPb from, EmbeddedPb to) {
    from.channel.runPendingTasks();
    boolean any = false;
    for (ByteBuf b; (b = from.channel.readOutbound()) != null; ) {
      any = true;
      if (to.channel.isOpen()) {
        to.channel.writeInbound(b);
      } else {
        b.release();
      }
    }
    if (!from.channel.isOpen() && to.channel.isOpen()) {
      to.channel.close();
    }
    return any;
  }

  RemoteReference root() {
    return client.connection.getRootObject().join();
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }
}
