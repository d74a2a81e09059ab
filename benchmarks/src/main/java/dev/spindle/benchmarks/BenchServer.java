package dev.spindle.benchmarks;

import dev.spindle.amp.AmpServer;
import dev.spindle.pb.PbServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * The server process of {@link SideBySide}, a JVM of its own.
 *
 * <pre>
 * BenchServer spindle [--threads N] [--lifetime S]   AMP (Sum, Echo) and PB (add) servers on one
 *                                                     N-thread event loop group (default 1);
 *                                                     prints "PORT amp n" and "PORT pb m"
 * BenchServer floor [--lifetime S]                   the raw-socket floor; prints "PORT floor n"
 * </pre>
 *
 * <p>Listens on 127.0.0.1 and serves until its stdin closes (the parent's signal, also when the
 * parent dies) or {@code --lifetime} seconds pass (default 900), then exits.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("spindle") || args[0].equals("floor"))) {
      System.err.println("usage: BenchServer spindle|floor [--threads N] [--lifetime S]");
      System.exit(2);
    }
    int threads = 1;
    double lifetime = 900;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--lifetime" -> lifetime = Double.parseDouble(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long lifetimeMillis = (long) (lifetime * 1000);
    Thread bound = new Thread(() -> {
      try {
        TimeUnit.MILLISECONDS.sleep(lifetimeMillis);
        System.err.println("BenchServer: lifetime over, exiting");
        System.exit(3);
      } catch (InterruptedException ignored) {
        // exiting anyway
      }
    }, "bench-server-lifetime");
    bound.setDaemon(true);
    bound.start();
    if (args[0].equals("floor")) {
      try (FloorServer floor = FloorServer.start()) {
        System.out.println("PORT floor " + floor.port());
        System.out.flush();
        awaitStdinClosed();
      }
    } else {
      EventLoopGroup loop = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
      try (AmpServer amp = LoadServers.amp(loop);
          PbServer pb = LoadServers.pb(loop)) {
        System.out.println("PORT amp " + amp.port());
        System.out.println("PORT pb " + pb.port());
        System.out.flush();
        awaitStdinClosed();
      } finally {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
    System.exit(0);
  }

  private static void awaitStdinClosed() throws IOException {
    InputStream in = System.in;
    byte[] buf = new byte[256];
    while (in.read(buf) >= 0) {
      // nothing is expected on stdin; its end is the signal
    }
  }
}
