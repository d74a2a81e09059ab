package dev.spindle.pb.banana;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;

/**
 * Measures the heap one connection's unfinished Banana expression holds (issue #11, finding 2):
 * feeds a decoder the worst shapes, item by item, up to just below its expression limit, and
 * prints the heap retained after full collections. Run in a JVM of its own (as {@link
 * HeapAccountingTest} does) for a clean figure:
 *
 * <pre>java -cp ... dev.spindle.pb.banana.HeapHarness SHAPE [maxExpressionBytes]</pre>
 *
 * <p>Shapes: {@code nested} ({@code [[]]}, 3 bytes), {@code emptyStrings} (1 byte), {@code
 * tinyStrings} (3 bytes), {@code ints} (integers outside the shared range, 4 bytes), {@code
 * smallInts} (shared ones, 3 bytes), {@code floats} (9 bytes). Output: {@code shape wireBytes
 * charged retained}.
 */
public final class HeapHarness {
  private HeapHarness() {}

  public static void main(String[] args) throws Exception {
    String shape = args[0];
    long limit = args.length > 1 ? Long.parseLong(args[1]) : BananaLimits.DEFAULT_MAX_EXPRESSION_BYTES;
    if (shape.startsWith("unjelly")) {
      unjelly(shape, limit);
      return;
    }
    byte[] item = switch (shape) {
      case "nested" -> new byte[] {0x01, (byte) 0x80, (byte) 0x80};
      case "emptyStrings" -> new byte[] {(byte) 0x82};
      case "tinyStrings" -> new byte[] {0x01, (byte) 0x82, 'x'};
      case "ints" -> new byte[] {0x20, 0x0d, 0x06, (byte) 0x81}; // 100000
      case "smallInts" -> new byte[] {0x68, 0x07, (byte) 0x81}; // 1000
      case "floats" -> new byte[] {(byte) 0x84, 0x3f, (byte) 0xf0, 0, 0, 0, 0, 0, 0}; // 1.0
      default -> throw new IllegalArgumentException(shape);
    };
    BananaLimits limits = BananaLimits.builder().maxExpressionBytes(limit).build();
    BananaDecoder decoder = new BananaDecoder(limits, BananaDialect.NONE);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    Field charged = BananaDecoder.class.getDeclaredField("expressionBytes");
    charged.setAccessible(true);
    long before = retained();

    // An outer list of lists of 4,096 items each: more than any limit allows.
    int perList = 4096;
    channel.writeInbound(Unpooled.wrappedBuffer(listHeader(perList)));
    long wire = 0;
    int inList = perList;
    while (true) {
      // at most 64 bytes charged per wire byte; keep room for the next list header
      long left = limit - (long) charged.get(decoder) - 64 - 4L * perList;
      int items = (int) Math.min(16_384, Math.max(0, left) / 64 / item.length);
      if (items == 0) {
        break;
      }
      ByteArrayOutputStream chunk = new ByteArrayOutputStream(items * item.length + 8);
      for (int i = 0; i < items; i++) {
        if (inList == perList) {
          chunk.write(listHeader(perList));
          inList = 0;
        }
        chunk.write(item);
        inList++;
      }
      byte[] bytes = chunk.toByteArray();
      channel.writeInbound(Unpooled.wrappedBuffer(bytes));
      wire += bytes.length;
      if (!channel.isOpen() || channel.readInbound() != null) {
        throw new IllegalStateException("the expression ended or was refused");
      }
    }
    long after = retained();
    System.out.println(shape + " " + wire + " " + charged.get(decoder) + " " + (after - before));
    channel.finishAndReleaseAll();
  }

  /**
   * A complete jelly list ({@code unjellyList}: 655,359 integers 1000) or set ({@code
   * unjellySet}: distinct integers from 100,000) costing just under the limit: prints {@code shape
   * wireBytes charged heldAfterDecode heldAfterUnjelly}.
   */
  private static void unjelly(String shape, long limit) throws Exception {
    boolean set = shape.equals("unjellySet");
    int n = set ? (int) ((limit - 200) / (HeapCost.INT + 4)) : BananaLimits.SIZE_LIMIT - 1;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(listHeader(n + 1));
    bytes.write(set ? new byte[] {3, (byte) 0x82, 's', 'e', 't'} : new byte[] {4, (byte) 0x82, 'l', 'i', 's', 't'});
    for (int i = 0; i < n; i++) {
      long v = set ? 100_000 + i : 1000;
      do {
        bytes.write((int) (v & 0x7f));
        v >>>= 7;
      } while (v != 0);
      bytes.write(0x81);
    }
    byte[] wire = bytes.toByteArray();
    bytes = null;
    BananaLimits limits = BananaLimits.builder().maxExpressionBytes(limit).build();
    EmbeddedChannel channel = new EmbeddedChannel(new BananaDecoder(limits, BananaDialect.NONE));
    dev.spindle.pb.jelly.JellyRegistry registry = dev.spindle.pb.jelly.JellyRegistry.builder()
        .security(dev.spindle.pb.jelly.SecurityOptions.globalSecurity()).build();
    long before = retained();
    channel.writeInbound(Unpooled.wrappedBuffer(wire));
    Sexp sexp = channel.readInbound();
    int length = wire.length;
    wire = null;
    long decoded = retained();
    Object value = registry.unjelly(sexp);
    long unjellied = retained();
    System.out.println(shape + " " + length + " " + n + "items " + (decoded - before) + " " + (unjellied - before)
        + (value.hashCode() == sexp.hashCode() ? "" : ""));
    channel.finishAndReleaseAll();
  }

  private static byte[] listHeader(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      out.write(n & 0x7f);
      n >>>= 7;
    } while (n != 0);
    out.write(0x80);
    return out.toByteArray();
  }

  private static long retained() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
