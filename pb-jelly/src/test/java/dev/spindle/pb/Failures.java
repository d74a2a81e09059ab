package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.RemotePbException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code ["error", id, ["twisted.spread.pb.CopyableFailure", ["dictionary", ...]]]}. */
final class Failures {
  static final String COPYABLE_FAILURE = "twisted.spread.pb.CopyableFailure";

  private Failures() {}

  /** Returns true if {@code message} is an error reply carrying a CopyableFailure. */
  static boolean isCopyableFailure(Sexp message) {
    return message instanceof Sexp.SList l && l.size() == 3 && l.get(0) instanceof Sexp.Bytes b && b.is("error")
        && l.get(2) instanceof Sexp.SList f && f.size() == 2 && f.get(0) instanceof Sexp.Bytes h
        && h.is(COPYABLE_FAILURE);
  }

  /** The failure's keys (decoded from {@code ["unicode", key]}) and their s-expressions, in order. */
  static LinkedHashMap<String, Sexp> state(Sexp message) {
    assertTrue(isCopyableFailure(message), "not a CopyableFailure: " + message);
    Sexp.SList dict = (Sexp.SList) ((Sexp.SList) ((Sexp.SList) message).get(2)).get(1);
    assertTrue(((Sexp.Bytes) dict.get(0)).is("dictionary"));
    LinkedHashMap<String, Sexp> out = new LinkedHashMap<>();
    for (int i = 1; i < dict.size(); i++) {
      Sexp.SList pair = (Sexp.SList) dict.get(i);
      out.put(unicode(pair.get(0)), pair.get(1));
    }
    return out;
  }

  static String unicode(Sexp s) {
    Sexp.SList l = assertInstanceOf(Sexp.SList.class, s);
    assertTrue(((Sexp.Bytes) l.get(0)).is("unicode"), "not unicode: " + s);
    return new String(((Sexp.Bytes) l.get(1)).value(), StandardCharsets.UTF_8);
  }

  static String bytes(Sexp s) {
    return new String(assertInstanceOf(Sexp.Bytes.class, s).value(), StandardCharsets.UTF_8);
  }

  static List<String> parents(Map<String, Sexp> state) {
    Sexp.SList l = (Sexp.SList) state.get("parents");
    assertTrue(((Sexp.Bytes) l.get(0)).is("list"));
    List<String> out = new ArrayList<>();
    for (int i = 1; i < l.size(); i++) {
      out.add(unicode(l.get(i)));
    }
    return out;
  }

  /** The RemotePbException a Java client would make of this error reply. */
  static RemotePbException asRemote(Sexp message) {
    Map<String, Sexp> state = state(message);
    return new RemotePbException(bytes(state.get("type")), unicode(state.get("value")), parents(state),
        unicode(state.get("traceback")));
  }

  /** The request id of an error reply. */
  static Sexp requestId(Sexp message) {
    return ((Sexp.SList) message).get(1);
  }

  static void assertSameExceptCount(Map<String, Sexp> expected, Map<String, Sexp> actual, String what) {
    assertEquals(keysWithoutPickled(expected), List.copyOf(actual.keySet()), what + ": keys");
    for (String key : actual.keySet()) {
      if (!key.equals("count")) {
        assertEquals(expected.get(key), actual.get(key), what + ": " + key);
      }
    }
  }

  /** Twisted adds {@code pickled} after a Failure passed through a Deferred; Java never does. */
  static List<String> keysWithoutPickled(Map<String, Sexp> state) {
    List<String> keys = new ArrayList<>(state.keySet());
    keys.remove("pickled");
    return keys;
  }
}
