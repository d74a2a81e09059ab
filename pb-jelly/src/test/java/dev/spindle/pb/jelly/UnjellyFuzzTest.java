package dev.spindle.pb.jelly;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spindle.pb.banana.BananaDecoder;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.BananaProtocolException;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.testing.Seeds;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of unjelly with an allow-list: the input is Banana (any dialect's bytes
 * decode in {@code pb}), each expression decoded is unjellied with two registries. Seeded with every
 * Banana byte string of the Jelly and PB golden vectors.
 *
 * <p>Invariants: unjelly returns or throws a {@link JellyException}, nothing else; nothing outside
 * the allow-list is ever built. With every golden class registered but only {@code goldens.Point}
 * and {@code goldens.SelfJelly} allowed, no {@code Empty} or {@code WithState} is ever
 * constructed (their factories count) and the result holds only the mapped Java types and the
 * allowed classes; with Twisted's default {@code SecurityOptions()} (no containers) the result is a
 * single atom, date/time or set of such.
 */
class UnjellyFuzzTest {
  private static int refusedBuilt;

  /** Every golden class registered; only Point and SelfJelly allowed. */
  private static final JellyRegistry ALLOW_LIST = JellyRegistry.builder()
      .register("goldens.Point", Goldens.Point.class, p -> p.dict, Goldens.Point::new,
          (p, s) -> p.dict.putAll(s))
      .register("goldens.Empty", Goldens.Empty.class, e -> e.dict, () -> {
        refusedBuilt++;
        return new Goldens.Empty();
      }, (e, s) -> e.dict.putAll(s))
      .register("goldens.WithState", Goldens.WithState.class, w -> w.dict, () -> {
        refusedBuilt++;
        return new Goldens.WithState();
      }, (w, s) -> w.dict.putAll(s))
      .register("goldens.SelfJelly", Goldens.SelfJelly.class, j -> j.dict, Goldens.SelfJelly::new,
          (j, s) -> j.dict.putAll(s))
      .security(SecurityOptions.builder().allowInstancesOf("goldens.Point", "goldens.SelfJelly")
          .build())
      .build();

  /** Twisted's {@code SecurityOptions()}: no containers, no instances. */
  private static final JellyRegistry DEFAULTS = JellyRegistry.builder()
      .security(SecurityOptions.defaults()).build();

  private static final Set<Class<?>> ATOMS = Set.of(
      Boolean.class, Long.class, BigInteger.class, Double.class, ByteString.class, String.class,
      BigDecimal.class, LocalDateTime.class, LocalDate.class, LocalTime.class, Duration.class,
      Unpersistable.class);

  private static final Set<Class<?>> CONTAINERS = Set.of(
      ArrayList.class, Tuple.class, LinkedHashMap.class, LinkedHashSet.class, FrozenSet.class);

  static Stream<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>(Seeds.hex("jelly.json"));
    seeds.addAll(Seeds.hex("pb-messages.json"));
    return seeds.stream();
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // the first input also pays for Jazzer's agent
  void unjellyAllowListOnly(byte[] input) {
    for (Sexp sexp : decode(input)) {
      refusedBuilt = 0;
      try {
        assertOnly(ALLOW_LIST.unjelly(sexp), true);
      } catch (JellyException expected) {
        // refused or malformed: fine
      }
      assertTrue(refusedBuilt == 0, "a registered but refused class was constructed");
      try {
        assertOnly(DEFAULTS.unjelly(sexp), false);
      } catch (JellyException expected) {
        // refused or malformed: fine
      }
    }
  }

  /** Walks the object graph (cycles included) and fails on any type outside the allow-list. */
  private static void assertOnly(Object root, boolean containersAllowed) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Object> todo = new ArrayDeque<>();
    if (root != null) {
      todo.push(root);
    }
    while (!todo.isEmpty()) {
      Object o = todo.pop();
      if (!seen.add(o)) {
        continue;
      }
      Class<?> c = o.getClass();
      Collection<?> children;
      if (ATOMS.contains(c)) {
        children = List.of();
      } else if (c == LinkedHashSet.class || c == FrozenSet.class) {
        children = (Collection<?>) o; // sets are in Twisted's default allow-list
      } else if (containersAllowed && CONTAINERS.contains(c)) {
        if (o instanceof Map<?, ?> m) {
          List<Object> kv = new ArrayList<>(m.keySet());
          kv.addAll(m.values());
          children = kv;
        } else if (o instanceof Tuple t) {
          children = t.asList();
        } else {
          children = (Collection<?>) o;
        }
      } else if (containersAllowed && c == Goldens.Point.class) {
        children = new ArrayList<>(((Goldens.Point) o).dict.values());
      } else if (containersAllowed && c == Goldens.SelfJelly.class) {
        children = new ArrayList<>(((Goldens.SelfJelly) o).dict.values());
      } else {
        fail("unjelly built a " + c.getName() + " (not allowed)");
        return;
      }
      for (Object child : children) {
        if (child != null) {
          todo.push(child);
        }
      }
    }
  }

  private static List<Sexp> decode(byte[] input) {
    EmbeddedChannel ch =
        new EmbeddedChannel(new BananaDecoder(BananaLimits.DEFAULT, BananaDialect.PB));
    List<Sexp> out = new ArrayList<>();
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(input));
    } catch (DecoderException e) {
      if (!(e.getCause() instanceof BananaProtocolException)) {
        throw e;
      }
    } finally {
      for (Object o; (o = ch.readInbound()) != null; ) {
        out.add((Sexp) o);
      }
      ch.finishAndReleaseAll();
    }
    return out;
  }
}
