package dev.spindle.amp.box;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.exceptions.TooLongException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boxes past the linear-search size, copies and removals. */
class AmpBoxCopyAndIndexTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void lookupsWorkAcrossTheIndexThreshold() {
    AmpBox box = new AmpBox();
    for (int i = 0; i < 100; i++) {
      box.putString("k" + i, "v" + i);
      for (int j = 0; j <= i; j++) {
        assertEquals("v" + j, box.getString("k" + j));
        assertArrayEquals(b("v" + j), box.get(b("k" + j)));
      }
      assertNull(box.get("k" + (i + 1)));
      assertEquals(i + 1, box.size());
    }
    // Replacing keeps the size and the position.
    box.putString("k50", "new");
    assertEquals(100, box.size());
    assertEquals("k50", box.keys().get(50));
    assertEquals("new", box.getString("k50"));
  }

  @Test
  void removeKeepsLookupsRightInLargeBoxes() {
    AmpBox box = new AmpBox();
    for (int i = 0; i < 40; i++) {
      box.putString("k" + i, "v" + i);
    }
    assertArrayEquals(b("v3"), box.remove("k3"));
    assertNull(box.remove("k3"));
    assertNull(box.get("k3"));
    assertFalse(box.containsKey("k3"));
    assertEquals(39, box.size());
    for (int i = 0; i < 40; i++) {
      if (i != 3) {
        assertEquals("v" + i, box.getString("k" + i), "k" + i);
      }
    }
    box.putString("k3", "again");
    assertEquals("again", box.getString("k3"));
    assertEquals("k3", box.keys().get(39));
  }

  @Test
  void nonLatin1KeyLookupMissesInsteadOfFailing() {
    AmpBox box = new AmpBox();
    for (int i = 0; i < 20; i++) {
      box.putString("k" + i, "v");
    }
    assertNull(box.get("\u20ac"));
    assertFalse(box.containsKey("\u20ac"));
  }

  @Test
  void copyIsIndependent() {
    AmpBox box = new AmpBox().putString("b", "2").putString("a", "1");
    AmpBox copy = box.copy();
    assertEquals(box, copy);
    assertArrayEquals(box.toByteArray(), copy.toByteArray());
    copy.putString("c", "3");
    copy.remove("a");
    assertEquals(List.of("b", "a"), box.keys());
    assertEquals(List.of("b", "c"), copy.keys());
    assertNotEquals(box, copy);

    AmpBox large = new AmpBox();
    for (int i = 0; i < 30; i++) {
      large.putString("k" + i, "v" + i);
    }
    AmpBox largeCopy = large.copy();
    largeCopy.putString("k0", "changed");
    assertEquals("v0", large.getString("k0"));
    assertEquals("changed", largeCopy.getString("k0"));
    assertEquals("v29", largeCopy.getString("k29"));
  }

  @Test
  void emptyBoxCopies() {
    AmpBox copy = new AmpBox(0).copy();
    assertTrue(copy.isEmpty());
    copy.putString("a", "b");
    assertEquals("b", copy.getString("a"));
  }

  @Test
  void equalityIgnoresInsertionOrder() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      keys.add("k" + i);
    }
    AmpBox forward = new AmpBox();
    AmpBox backward = new AmpBox();
    for (int i = 0; i < keys.size(); i++) {
      forward.putString(keys.get(i), "v");
      backward.putString(keys.get(keys.size() - 1 - i), "v");
    }
    assertEquals(forward, backward);
    assertEquals(forward.hashCode(), backward.hashCode());
    assertArrayEquals(forward.toByteArray(), backward.toByteArray());
  }

  @Test
  void emptyKeyIsRefusedLocally() {
    TooLongException e = assertThrows(TooLongException.class, () -> new AmpBox().put(new byte[0], b("v")));
    assertTrue(e.isKey());
    assertTrue(e.isLocal());
  }
}
