package dev.spindle.interop.jelly;

import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.FrozenSet;
import dev.spindle.pb.jelly.Tuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded random Java values of every type Jelly maps, with shared and nested structures. */
final class RandomValues {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE);
  private static final String[] VOCAB = {"None", "list", "tuple", "dictionary", "reference", "remote", "message", "version"};

  private final Random r;

  RandomValues(long seed) {
    this.r = new Random(seed);
  }

  Object value(int depth) {
    if (depth > 4 || r.nextDouble() < 0.35) {
      return atom();
    }
    int n = r.nextInt(6);
    switch (r.nextInt(6)) {
      case 0:
        {
          List<Object> l = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            l.add(value(depth + 1));
          }
          return l;
        }
      case 1:
        {
          List<Object> l = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            l.add(value(depth + 1));
          }
          return Tuple.copyOf(l);
        }
      case 2:
        {
          Map<Object, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            m.put(key(), value(depth + 1));
          }
          return m;
        }
      case 3:
        {
          Set<Object> s = new LinkedHashSet<>();
          for (int i = 0; i < n; i++) {
            s.add(key());
          }
          return s;
        }
      case 4:
        {
          List<Object> l = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            l.add(key());
          }
          return FrozenSet.copyOf(l);
        }
      default:
        {
          List<Object> shared = new ArrayList<>(List.of(atomNonNull()));
          List<Object> l = new ArrayList<>();
          l.add(shared);
          l.add(value(depth + 1));
          l.add(shared);
          return l;
        }
    }
  }

  private Object key() {
    switch (r.nextInt(3)) {
      case 0:
        return text();
      case 1:
        return (long) r.nextInt(5000) - 5;
      default:
        byte[] b = new byte[3];
        r.nextBytes(b);
        return ByteString.of(b);
    }
  }

  private Object atomNonNull() {
    Object a = atom();
    return a == null ? 0L : a;
  }

  Object atom() {
    switch (r.nextInt(12)) {
      case 0:
        return null;
      case 1:
        return r.nextBoolean();
      case 2:
        return integer();
      case 3:
        return floating();
      case 4:
        {
          byte[] b = new byte[r.nextInt(21)];
          r.nextBytes(b);
          return b;
        }
      case 5:
        return ByteString.ascii(VOCAB[r.nextInt(VOCAB.length)]);
      case 6:
        return text();
      case 7:
        return BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000L, r.nextInt(41) - 20);
      case 8:
        return LocalDateTime.of(1 + r.nextInt(9999), 1 + r.nextInt(12), 1 + r.nextInt(28),
            r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000);
      case 9:
        return LocalDate.of(1 + r.nextInt(9999), 1 + r.nextInt(12), 1 + r.nextInt(28));
      case 10:
        return LocalTime.of(r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000);
      default:
        return Duration.ofDays(r.nextInt(1_999_999) - 999_999L)
            .plusSeconds(r.nextInt(86400))
            .plusNanos(r.nextInt(1_000_000) * 1000L);
    }
  }

  private Object integer() {
    switch (r.nextInt(8)) {
      case 0:
        return (long) r.nextInt(2001) - 1000;
      case 1:
        return r.nextLong();
      case 2:
        return r.nextInt();
      case 3:
        return MAX;
      case 4:
        return MAX.negate();
      case 5:
        return new BigInteger(440, r).subtract(BigInteger.ONE.shiftLeft(439));
      case 6:
        return BigInteger.ONE.shiftLeft(63);
      default:
        return new long[] {0, 1, -1, 127, 128, 2147483647L, 2147483648L, -2147483648L, -2147483649L}[r.nextInt(9)];
    }
  }

  private double floating() {
    double[] special = {0.0, -0.0, 1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE};
    return r.nextBoolean() ? special[r.nextInt(special.length)] : Double.longBitsToDouble(r.nextLong());
  }

  private String text() {
    String[] alphabet = {"a", "b", "z", " ", "é", "日", "本", "😀", "\u0000", "\n", "'", "\""};
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(13);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet[r.nextInt(alphabet.length)]);
    }
    return sb.toString();
  }
}
