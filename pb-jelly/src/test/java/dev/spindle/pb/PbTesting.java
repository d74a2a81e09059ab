package dev.spindle.pb;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This package's test machinery for the module's other test packages ({@code
 * dev.spindle.pb.util}): embedded endpoints and pairs, the recorded sessions, and the channel
 * under a connection.
 */
public final class PbTesting {
  private PbTesting() {}

  /** The channel under {@code connection}. */
  public static Channel channel(PbConnection connection) {
    return connection.handler().channel();
  }

  /** Runs {@code action} on the connection's event loop and returns its result (20 s at most). */
  public static <T> T onEventLoop(PbConnection connection, Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    connection.execute(() -> result.complete(action.get()));
    return result.get(20, TimeUnit.SECONDS);
  }

  /** The number of objects the broker exports, root included (on the caller's thread). */
  public static int exportedCount(PbConnection connection) {
    return connection.broker().exportedCount();
  }

  /** The number of pagers registered with the connection's broker (on the caller's thread). */
  public static int pageProducerCount(PbConnection connection) {
    return connection.broker().pageProducerCount();
  }

  /** One recorded message of {@code pb-messages.json}. */
  public record Message(boolean fromClient, String hex) {}

  /** One recorded step: its action and messages. */
  public record Step(String action, List<Message> messages) {}

  /** The steps of a recorded session. */
  public static List<Step> session(String name) {
    List<Step> steps = new ArrayList<>();
    for (Transcripts.Step s : Transcripts.session(name)) {
      List<Message> messages = new ArrayList<>();
      for (Transcripts.Message m : s.messages()) {
        messages.add(new Message(m.fromClient(), m.hex()));
      }
      steps.add(new Step(s.action(), messages));
    }
    return steps;
  }

  /** One endpoint on an {@link EmbeddedChannel} (see {@code EmbeddedPb}); no Cleaner. */
  public static final class Embedded implements AutoCloseable {
    private final EmbeddedPb pb;

    private Embedded(EmbeddedPb pb) {
      this.pb = pb;
    }

    /** A server publishing {@code root}. */
    public static Embedded server(Object root) {
      return new Embedded(EmbeddedPb.server(root, PbServer.builder()));
    }

    /** A client. */
    public static Embedded client() {
      return new Embedded(EmbeddedPb.client(PbClient.builder()));
    }

    public PbConnection connection() {
      return pb.connection;
    }

    public EmbeddedChannel channel() {
      return pb.channel;
    }

    /** Feeds the peer's bytes. */
    public void feed(String hex) {
      pb.feed(hex);
    }

    /** The next message written (after running pending tasks), as hex, or null. */
    public String next() {
      return pb.next();
    }

    @Override
    public void close() {
      pb.close();
    }
  }

  /** A Java server and client on embedded channels, joined by {@link #pump()}. */
  public static final class Pair implements AutoCloseable {
    private final EmbeddedPair pair;

    public Pair(Object root) {
      pair = new EmbeddedPair(root);
    }

    /** Carries messages both ways until both sides are quiet. */
    public int pump() {
      return pair.pump();
    }

    public RemoteReference root() {
      return pair.root();
    }

    public PbConnection serverConnection() {
      return pair.server.connection;
    }

    public PbConnection clientConnection() {
      return pair.client.connection;
    }

    public EmbeddedChannel serverChannel() {
      return pair.server.channel;
    }

    public EmbeddedChannel clientChannel() {
      return pair.client.channel;
    }

    @Override
    public void close() {
      pair.close();
    }
  }
}
