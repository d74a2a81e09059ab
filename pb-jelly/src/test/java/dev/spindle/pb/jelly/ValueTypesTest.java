package dev.spindle.pb.jelly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void byteStringsPrintAsPythonRepr() {
    assertEquals("b'hello'", ByteString.ascii("hello").toString());
    assertEquals("b\"it's\"", ByteString.ascii("it's").toString());
    assertEquals("b'a\"b\\'c'", ByteString.ascii("a\"b'c").toString());
    assertEquals("b'\\x00\\x7f\\x80\\xff\\t\\n\\r\\\\'", ByteString.of(new byte[] {0, 0x7f, (byte) 0x80, (byte) 0xff, 9, 10, 13, '\\'}).toString());
    assertEquals("b''", ByteString.empty().toString());
  }

  @Test
  void byteStringsCompareByContentAndCopyTheirInput() {
    byte[] b = {1, 2};
    ByteString s = ByteString.of(b);
    b[0] = 9;
    assertEquals(ByteString.of(new byte[] {1, 2}), s);
    s.toByteArray()[0] = 9;
    assertEquals(1, s.get(0));
    assertTrue(ByteString.ascii("a").compareTo(ByteString.of(new byte[] {(byte) 0x80})) < 0);
    assertEquals(ByteString.of(new byte[] {2}), ByteString.of(new byte[] {1, 2, 3}, 1, 1));
    assertEquals("é", ByteString.encodeUtf8("é").utf8());
    assertThrows(IllegalArgumentException.class, () -> ByteString.ascii("é"));
  }

  @Test
  void tuplesAreNeverLists() {
    Tuple t = Tuple.of(1L, "a", null);
    assertNotEquals(t, List.of(1L, "a"));
    assertNotEquals(t.asList(), t);
    assertEquals(Tuple.of(1L, "a", null), t);
    assertEquals(Tuple.of(1L, "a", null).hashCode(), t.hashCode());
    assertEquals("(1, a, null)", t.toString());
    assertEquals("(1,)", Tuple.of(1L).toString());
    assertEquals("()", Tuple.of().toString());
    assertEquals(Tuple.of(List.of(1L)).size(), 1);
    assertEquals(Tuple.copyOf(List.of(1L, 2L)), Tuple.of(1L, 2L));
    assertThrows(UnsupportedOperationException.class, () -> t.asList().set(0, 2L));
    Iterator<Object> it = t.iterator();
    it.next();
    assertThrows(UnsupportedOperationException.class, it::remove);
  }

  @Test
  void tupleFactoriesCopy() {
    Object[] items = {1L};
    Tuple t = Tuple.of(items);
    items[0] = 2L;
    assertEquals(1L, t.get(0));
  }

  @Test
  void frozenSetsAreImmutableOrderedAndEqualToSets() {
    FrozenSet<Object> f = FrozenSet.of(3L, 1L, 2L, 1L);
    assertEquals(List.of(3L, 1L, 2L), new ArrayList<>(f));
    assertEquals(Set.of(1L, 2L, 3L), f);
    assertEquals(Set.of(1L, 2L, 3L).hashCode(), f.hashCode());
    assertThrows(UnsupportedOperationException.class, () -> f.add(4L));
    assertThrows(UnsupportedOperationException.class, () -> f.remove(1L));
    Iterator<Object> it = f.iterator();
    it.next();
    assertThrows(UnsupportedOperationException.class, it::remove);
    assertTrue(f.contains(2L));
    assertEquals(FrozenSet.of(), FrozenSet.copyOf(List.of()));
  }

  @Test
  void unpersistableNeedsAReason() {
    assertThrows(NullPointerException.class, () -> new Unpersistable(null));
    assertEquals(new Unpersistable("x"), new Unpersistable("x"));
  }
}
