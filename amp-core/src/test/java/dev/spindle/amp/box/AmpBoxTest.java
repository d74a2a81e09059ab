package dev.spindle.amp.box;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.internal.repr.PythonRepr;
import dev.spindle.testing.Vectors;
import org.junit.jupiter.api.Test;

class AmpBoxTest {
  @Test
  void encodesSumRequestLikeTwisted() {
    AmpBox box = new AmpBox().putString("b", "81").putString("a", "13")
        .putString("_command", "Sum").putString("_ask", "1");
    assertEquals(
        "00045f61736b00013100085f636f6d6d616e64000353756d00016100023133000162000238310000",
        Vectors.toHex(box.toByteArray()));
  }

  @Test
  void refusesKeyOf256Bytes() {
    TooLongException e =
        assertThrows(TooLongException.class, () -> new AmpBox().put(new byte[256], new byte[0]));
    assertEquals(true, e.isKey());
    assertEquals(true, e.isLocal());
  }

  @Test
  void acceptsValueOf65535BytesAndRefusesOneMore() {
    new AmpBox().put("k", new byte[65535]);
    TooLongException e =
        assertThrows(TooLongException.class, () -> new AmpBox().put("k", new byte[65536]));
    assertEquals(false, e.isKey());
  }

  @Test
  void laterValueWins() {
    AmpBox box = new AmpBox().putString("k", "1").putString("k", "2");
    assertEquals(1, box.size());
    assertArrayEquals(new byte[] {'2'}, box.get("k"));
  }

  @Test
  void clearEmptiesTheBoxForReuse() {
    AmpBox box = new AmpBox();
    for (int i = 0; i < 40; i++) {
      box.putString("k" + i, "v");
    }
    box.clear();
    assertEquals(0, box.size());
    assertEquals(null, box.get("k1"));
    box.putString("z", "1").putString("a", "2");
    assertEquals(2, box.size());
    assertArrayEquals(new byte[] {'2'}, box.get("a"));
    assertEquals("AmpBox{a=b'2', z=b'1'}", box.toString());
  }

  @Test
  void pythonReprOfBytes() {
    assertEquals("b'Unimplemented'", PythonRepr.bytes("Unimplemented".getBytes()));
    assertEquals("b\"it's\"", PythonRepr.bytes("it's".getBytes()));
    assertEquals("b'\\x00\\xff\\n'", PythonRepr.bytes(new byte[] {0, (byte) 0xff, '\n'}));
  }
}
