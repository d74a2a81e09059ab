package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.pb.banana.BananaRole;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.testing.TrackingAllocator;
import dev.spindle.testing.Vectors;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of PB message handling: the input is what a client sends a Java PB
 * server (the real pipeline: Banana handshake, decoder, broker, jelly with the goldens' registry)
 * from its first byte. Seeded with the client side of every PB golden session, whole and message
 * by message after the handshake.
 *
 * <p>Invariants: nothing escapes the pipeline as an exception; the connection stays open or closes
 * normally or with a {@link PbProtocolException}; every buffer is released (per input, with a
 * {@link TrackingAllocator}).
 */
class BrokerFuzzTest {
  /** The client's choice of the {@code pb} dialect, then its version message. */
  private static final String HANDSHAKE = "02827062" + "028013870681";

  static Stream<byte[]> seeds() {
    JsonObject pb = Vectors.load("pb-messages.json");
    List<byte[]> seeds = new ArrayList<>();
    for (JsonElement s : pb.getAsJsonArray("sessions")) {
      JsonObject session = s.getAsJsonObject();
      seeds.add(Vectors.hex(session.get("client_to_server_hex")));
      for (JsonElement step : session.getAsJsonArray("steps")) {
        for (JsonElement m : step.getAsJsonObject().getAsJsonArray("messages")) {
          JsonObject message = m.getAsJsonObject();
          if (message.has("hex") && "c2s".equals(message.get("dir").getAsString())
              && "pb".equals(message.get("dialect").getAsString())) {
            seeds.add(Vectors.hex(HANDSHAKE + message.get("hex").getAsString()));
          }
        }
      }
    }
    return seeds.stream();
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // the first input also pays for Jazzer's agent
  void serveClientBytes(byte[] input) {
    EmbeddedChannel ch = new EmbeddedChannel();
    TrackingAllocator alloc = new TrackingAllocator();
    ch.config().setAllocator(alloc);
    PbConnection connection = PbServer.builder().jelly(Goldens.registry(false)).autoRelease(false)
        .setup(BananaRole.SERVER, new Goldens.GoldenRoot()).init(ch);
    try {
      SplittableRandom random = new SplittableRandom(java.util.Arrays.hashCode(input));
      int from = 0;
      while (from < input.length && ch.isOpen()) {
        int to = from + 1 + random.nextInt(input.length - from);
        ch.writeInbound(alloc.buffer(to - from).writeBytes(input, from, to - from));
        drainAnswers(ch);
        from = to;
      }
      ch.runPendingTasks();
      drainAnswers(ch);
      ch.close();
      drainAnswers(ch);
      CompletableFuture<Void> closed = connection.closeFuture().toCompletableFuture();
      assertTrue(closed.isDone(), "closed but the connection does not know");
      if (closed.isCompletedExceptionally()) {
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class, closed::join);
        assertInstanceOf(PbProtocolException.class, e.getCause());
      }
    } finally {
      ch.finishAndReleaseAll();
    }
    alloc.assertAllReleased();
  }

  /** Reads and releases what the server wrote. */
  private static void drainAnswers(EmbeddedChannel ch) {
    ch.runPendingTasks();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      b.release();
    }
  }
}
