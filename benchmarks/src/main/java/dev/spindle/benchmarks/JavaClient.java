package dev.spindle.benchmarks;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbConnection;
import dev.spindle.pb.RemoteReference;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Spindle side as a load client: the calls of each scenario, measured with {@link LoadRun}. */
final class JavaClient {
  private JavaClient() {}

  /** {@code Sum(a: n, b: 1)}. */
  static LoadRun.Call sum(AmpConnection c) {
    return n -> c.callRemote(new Sum(n, 1));
  }

  /** {@code Echo(value)}; fails if the answer has another length. */
  static LoadRun.Call echo(AmpConnection c, byte[] value) {
    return n -> c.callRemote(new Echo(value)).thenApply(r -> {
      if (r.value().length != value.length) {
        throw new IllegalStateException("Echo answered " + r.value().length + " bytes");
      }
      return r;
    });
  }

  /** {@code root.callRemote("add", n, 1)}; fails if the total is wrong. */
  static LoadRun.Call add(RemoteReference root) {
    return n -> root.callRemote("add", n, 1L).thenApply(sum -> {
      if (!(sum instanceof Long l) || l != n + 1L) {
        throw new IllegalStateException("add(" + n + ", 1) = " + sum);
      }
      return sum;
    });
  }

  /** {@code stub.add(n, 1)} through the generated stub; fails if the total is wrong. */
  static LoadRun.Call typedAdd(TypedAdder stub) {
    return n -> stub.add(n, 1L).thenApply(sum -> {
      if (sum != n + 1L) {
        throw new IllegalStateException("add(" + n + ", 1) = " + sum);
      }
      return sum;
    });
  }

  /**
   * Connects {@code scenario.connections} times to 127.0.0.1:{@code port} on {@code loop} and
   * measures the scenario's calls.
   */
  static Figures measure(
      Scenario scenario, int port, EventLoopGroup loop, double warmup, double seconds, int rounds)
      throws Exception {
    if (scenario.protocol == Scenario.Protocol.PB) {
      try (PbClient client = PbClient.builder().eventLoopGroup(loop).build()) {
        List<LoadRun.Call> calls = new ArrayList<>();
        List<PbConnection> connections = new ArrayList<>();
        for (int i = 0; i < scenario.connections; i++) {
          PbConnection c = client.connect("127.0.0.1", port).get(10, TimeUnit.SECONDS);
          connections.add(c);
          RemoteReference root = c.getRootObject().get(10, TimeUnit.SECONDS);
          calls.add(scenario.typed() ? typedAdd(TypedAdder_PbStub.of(root)) : add(root));
        }
        Figures f = run(scenario, calls, warmup, seconds, rounds);
        for (PbConnection c : connections) {
          c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return f;
      }
    }
    try (AmpClient client = AmpClient.builder().eventLoopGroup(loop).build()) {
      byte[] payload = new byte[scenario.payload];
      Arrays.fill(payload, (byte) 'x');
      List<LoadRun.Call> calls = new ArrayList<>();
      List<AmpConnection> connections = new ArrayList<>();
      for (int i = 0; i < scenario.connections; i++) {
        AmpConnection c = client.connect("127.0.0.1", port).get(10, TimeUnit.SECONDS);
        connections.add(c);
        calls.add(scenario.payload > 0 ? echo(c, payload) : sum(c));
      }
      Figures f = run(scenario, calls, warmup, seconds, rounds);
      for (AmpConnection c : connections) {
        c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      return f;
    }
  }

  private static Figures run(
      Scenario scenario, List<LoadRun.Call> calls, double warmup, double seconds, int rounds)
      throws Exception {
    return scenario.sequential()
        ? LoadRun.sequential(calls.get(0), warmup, seconds, rounds)
        : LoadRun.pipelined(calls, scenario.inflight, warmup, seconds, rounds);
  }
}
