package dev.spindle.pb.jelly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.pb.banana.Sexp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random Java value graphs, with shared containers and cycles, survive jelly then unjelly:
 * the same structure, the same sharing, and the same s-expression when jellied again. ({@link
 * Unpersistable} is left out: like Twisted, its reason comes back prefixed.)
 */
class JellyRoundTripPropertiesTest {
  private static final JellyRegistry REGISTRY = JellyRegistry.builder().build();
  private static final BigInteger BANANA_MAX = BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE);

  @Property(tries = 400)
  void valueGraphsRoundTrip(@ForAll("graphs") Object value) {
    Sexp sexp = REGISTRY.jelly(value);
    Object back = REGISTRY.unjelly(sexp);
    Graphs.assertSameGraph(value, back);
    assertEquals(sexp, REGISTRY.jelly(back));

    String[] shape = shape(sexp);
    Statistics.label("sharing").collect(shape[0]);
    Statistics.label("tuple cycle").collect(shape[1]);
    // Observed about 50 %, 8 % and 9 % over 400 tries; the floors sit about 4 sigma below.
    Statistics.label("sharing").coverage(c -> {
      c.check("cycle").percentage(p -> p > 30);
      c.check("shared, acyclic").percentage(p -> p > 2);
    });
    Statistics.label("tuple cycle").coverage(c -> c.check("yes").percentage(p -> p > 3));
  }

  /** Whether the s-expression has references, and whether one is a cycle through a tuple. */
  private static String[] shape(Sexp sexp) {
    boolean shared = false;
    boolean cycle = false;
    boolean tupleCycle = false;
    // Each entry: the node, and the reference numbers (with their head) it is inside.
    ArrayDeque<Object[]> todo = new ArrayDeque<>();
    todo.push(new Object[] {sexp, Map.of()});
    while (!todo.isEmpty()) {
      Object[] job = todo.pop();
      if (!(job[0] instanceof Sexp.SList)) {
        continue;
      }
      Sexp.SList l = (Sexp.SList) job[0];
      @SuppressWarnings("unchecked")
      Map<Long, String> inside = (Map<Long, String>) job[1];
      Sexp head = l.size() > 0 ? l.get(0) : null;
      if (Sexp.ascii("dereference").equals(head)) {
        shared = true;
        String cycleHead = inside.get(((Sexp.Int) l.get(1)).value());
        if (cycleHead != null) {
          cycle = true;
          tupleCycle |= cycleHead.equals("tuple");
        }
        continue;
      }
      Map<Long, String> deeper = inside;
      if (Sexp.ascii("reference").equals(head)) {
        deeper = new java.util.HashMap<>(inside);
        deeper.put(((Sexp.Int) l.get(1)).value(), ((Sexp.Bytes) ((Sexp.SList) l.get(2)).get(0)).asLatin1());
      }
      for (Sexp item : l.items()) {
        todo.push(new Object[] {item, deeper});
      }
    }
    return new String[] {cycle ? "cycle" : shared ? "shared, acyclic" : "tree", tupleCycle ? "yes" : "no"};
  }

  @Property(tries = 200)
  void atomsRoundTripExactly(@ForAll("atoms") Object atom) {
    Graphs.assertSameGraph(atom, REGISTRY.unjelly(REGISTRY.jelly(atom)));
  }

  @Property(tries = 200)
  void everyJavaIntegerComesBackAsLongOrBigInteger(@ForAll("anyIntegers") Number n) {
    Object back = REGISTRY.unjelly(REGISTRY.jelly(n));
    BigInteger value = n instanceof BigInteger ? (BigInteger) n : BigInteger.valueOf(n.longValue());
    assertEquals(value.bitLength() < 64 ? (Object) value.longValue() : value, back);
  }

  @Provide
  Arbitrary<Number> anyIntegers() {
    return Arbitraries.oneOf(
        Arbitraries.integers(), Arbitraries.shorts(), Arbitraries.bytes(), Arbitraries.longs(),
        Arbitraries.bigIntegers().between(BANANA_MAX.negate(), BANANA_MAX));
  }

  @Provide
  Arbitrary<Object> graphs() {
    Arbitrary<Object> tree = Arbitraries.recursive(this::atoms, this::containers, 0, 4);
    Arbitrary<List<Integer>> links = Arbitraries.integers().between(0, 10_000).list().ofMaxSize(12);
    return Combinators.combine(tree, links).as(JellyRoundTripPropertiesTest::share);
  }

  @Provide
  Arbitrary<Object> atoms() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false),
        Arbitraries.longs(),
        Arbitraries.bigIntegers().between(BANANA_MAX.negate(), BANANA_MAX)
            .map(b -> b.bitLength() < 64 ? (Object) b.longValue() : b),
        Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0)
            .withSpecialValue(Double.POSITIVE_INFINITY).withSpecialValue(Double.NEGATIVE_INFINITY)
            .withSpecialValue(Double.MIN_VALUE).map(d -> (Object) d),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(b -> (Object) ByteString.of(b)),
        text(),
        Combinators.combine(Arbitraries.bigIntegers().between(BANANA_MAX.negate(), BANANA_MAX),
            Arbitraries.integers().between(-1_000_000, 1_000_000)).as((u, s) -> (Object) new BigDecimal(u, s)),
        Combinators.combine(Arbitraries.longs().between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay()),
            Arbitraries.longs().between(0, 86_399_999_999L)).as((day, micros) ->
                (Object) LocalDateTime.of(LocalDate.ofEpochDay(day), LocalTime.ofNanoOfDay(micros * 1000))),
        Arbitraries.longs().between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
            .map(day -> (Object) LocalDate.ofEpochDay(day)),
        Arbitraries.longs().between(0, 86_399_999_999L).map(micros -> (Object) LocalTime.ofNanoOfDay(micros * 1000)),
        Combinators.combine(Arbitraries.longs().between(-999_999_999L, 999_999_999L), Arbitraries.longs().between(0, 86_399_999_999L))
            .as((days, micros) -> (Object) Duration.ofDays(days).plusNanos(micros * 1000)));
  }

  /** Strings of valid code points, including the astral planes. */
  private static Arbitrary<Object> text() {
    Arbitrary<Integer> codePoint = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 0x7f),
        Arbitraries.integers().between(0x80, 0xd7ff),
        Arbitraries.integers().between(0xe000, 0x10ffff));
    return codePoint.list().ofMaxSize(8).map(cps -> {
      StringBuilder sb = new StringBuilder();
      cps.forEach(sb::appendCodePoint);
      return sb.toString();
    });
  }

  /** Values Python can hash: atoms and tuples of atoms. */
  private Arbitrary<Object> hashables() {
    return Arbitraries.oneOf(atoms(), atoms().list().ofMaxSize(3).map(Tuple::copyOf));
  }

  private Arbitrary<Object> containers(Arbitrary<Object> inner) {
    Arbitrary<Object> keys = Arbitraries.oneOf(text(), Arbitraries.longs().map(l -> (Object) l), hashables());
    return Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
        inner.list().ofMaxSize(4).map(l -> (Object) Tuple.copyOf(l)),
        Combinators.combine(keys.list().uniqueElements().ofMaxSize(4), inner.list().ofSize(4)).as((ks, vs) -> {
          LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < ks.size(); i++) {
            m.put(ks.get(i), vs.get(i));
          }
          return (Object) m;
        }),
        hashables().list().uniqueElements().ofMaxSize(4).map(l -> (Object) new LinkedHashSet<>(l)),
        hashables().list().uniqueElements().ofMaxSize(4).map(l -> (Object) FrozenSet.copyOf(l)));
  }

  /**
   * Adds sharing and cycles to a tree, under a new root list. Each pair of numbers picks a
   * container and, in turn: puts it into the root (sharing), puts it into any list or dictionary
   * (possibly itself or an ancestor: a cycle), or wraps a list in a tuple that the list then
   * contains and the root starts with (Python's {@code x = []; t = (x,); x.append(t); [t, ...]}).
   */
  static Object share(Object tree, List<Integer> links) {
    ArrayList<Object> root = new ArrayList<>();
    root.add(tree);
    List<Object> containers = new ArrayList<>();
    List<Object> mutable = new ArrayList<>();
    List<ArrayList<Object>> lists = new ArrayList<>();
    IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<Object> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Object o = todo.pop();
      if (seen.put(o, true) != null) {
        continue;
      }
      if (o instanceof Collection || o instanceof Map || o instanceof Tuple) {
        containers.add(o);
      }
      if (o instanceof ArrayList || o instanceof LinkedHashMap) {
        mutable.add(o);
      }
      if (o instanceof ArrayList) {
        @SuppressWarnings("unchecked")
        ArrayList<Object> l = (ArrayList<Object>) o;
        lists.add(l);
      }
      Iterable<?> children = o instanceof Map ? ((Map<?, ?>) o).values()
          : o instanceof Tuple ? (Tuple) o
          : o instanceof Collection ? (Collection<?>) o
          : List.of();
      for (Object child : children) {
        if (child != null) {
          todo.push(child);
        }
      }
    }
    for (int i = 0; i + 1 < links.size(); i += 2) {
      Object added = containers.get(links.get(i + 1) % containers.size());
      switch ((i / 2) % 3) {
        case 0:
          root.add(added);
          break;
        case 1:
          Object target = mutable.get(links.get(i) % mutable.size());
          if (target instanceof ArrayList) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) target;
            l.add(added);
          } else {
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) target;
            m.put("link" + i, added);
          }
          break;
        default:
          ArrayList<Object> list = lists.get(links.get(i) % lists.size());
          Tuple t = Tuple.of(list);
          list.add(t);
          root.add(0, t); // reached before the list: the reference wraps the tuple
          break;
      }
    }
    return root;
  }
}
