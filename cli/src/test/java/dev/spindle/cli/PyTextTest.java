package dev.spindle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.FrozenSet;
import dev.spindle.pb.jelly.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python's repr, checked against what CPython 3.11 prints. */
class PyTextTest {
  @Test
  void strReprIsCPythons() {
    assertEquals("''", PyText.str(""));
    assertEquals("\"it's\"", PyText.str("it's"));
    assertEquals("'say \"hi\"'", PyText.str("say \"hi\""));
    assertEquals("'both \\' and \"'", PyText.str("both ' and \""));
    assertEquals("'tab\\there\\nnl\\r'", PyText.str("tab\there\nnl\r"));
    assertEquals("'\\\\'", PyText.str("\\"));
    assertEquals("'\\x00\\x1f\\x7f'", PyText.str("\u0000\u001f\u007f"));
    assertEquals("'\\x85\\xa0\u00e9'", PyText.str("\u0085\u00a0\u00e9"));
    assertEquals("'\\u2028\\u200b\u2603'", PyText.str("\u2028\u200b\u2603"));
    assertEquals("'\uD83D\uDE00\\U000e0001'", PyText.str("\uD83D\uDE00\uDB40\uDC01"));
  }

  @Test
  void floatReprIsCPythons() {
    assertEquals("1e+16", PyText.floating(1e16));
    assertEquals("-0.0", PyText.floating(-0.0));
    assertEquals("0.30000000000000004", PyText.floating(0.1 + 0.2));
    assertEquals("1e-07", PyText.floating(1e-7));
    assertEquals("123456789.0", PyText.floating(123456789.0));
  }

  @Test
  void valuesReprAsPythonContainers() {
    Map<Object, Object> dict = new LinkedHashMap<>();
    dict.put("a", Tuple.of());
    dict.put(Tuple.of(1L, ByteString.ascii("b")), new LinkedHashSet<>());
    dict.put(2L, FrozenSet.of());
    assertEquals("{'a': (), (1, b'b'): set(), 2: frozenset()}", PyRepr.of(dict));
    assertEquals("[None, True, Decimal('1.10'), datetime.datetime(2022, 4, 1, 12, 0), "
            + "datetime.time(1, 2, 3, 4), datetime.timedelta(days=-1, seconds=86399)]",
        PyRepr.of(java.util.Arrays.asList(null, true, new BigDecimal("1.10"),
            LocalDateTime.of(2022, 4, 1, 12, 0), LocalTime.of(1, 2, 3, 4000), Duration.ofSeconds(-1))));
    List<Object> self = new ArrayList<>();
    self.add(self);
    assertEquals("[[...]]", PyRepr.of(self));
    assertEquals("datetime.timedelta(0)", PyRepr.of(Duration.ZERO));
  }
}
