package dev.spindle.pb.jelly;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asserts that two Java value graphs are the same up to identity: equal atoms of the same class,
 * containers of the same kind with equal contents in the same order, and the same sharing and
 * cycles (a bijection between the containers of both graphs).
 */
final class Graphs {
  private Graphs() {}

  static void assertSameGraph(Object expected, Object actual) {
    IdentityHashMap<Object, Object> e2a = new IdentityHashMap<>();
    IdentityHashMap<Object, Object> a2e = new IdentityHashMap<>();
    ArrayDeque<Object[]> todo = new ArrayDeque<>();
    todo.add(new Object[] {"$", expected, actual});
    while (!todo.isEmpty()) {
      Object[] job = todo.poll();
      String path = (String) job[0];
      Object e = job[1];
      Object a = job[2];
      if (e == null || a == null) {
        if (e != a) {
          fail(path + ": expected " + e + " but was " + a);
        }
        continue;
      }
      if (!isContainer(e)) {
        if (e.getClass() != a.getClass() || !e.equals(a)) {
          fail(path + ": expected " + e.getClass().getSimpleName() + " " + e + " but was "
              + a.getClass().getSimpleName() + " " + a);
        }
        continue;
      }
      if (e2a.containsKey(e) || a2e.containsKey(a)) {
        if (e2a.get(e) != a) {
          fail(path + ": sharing differs (expected object seen before: " + e2a.containsKey(e)
              + ", actual object seen before: " + a2e.containsKey(a) + ")");
        }
        continue;
      }
      e2a.put(e, a);
      a2e.put(a, e);
      if (kind(e) != kind(a)) {
        fail(path + ": expected a " + kind(e) + " but was " + a.getClass().getName());
      }
      if (e instanceof Goldens.Golden) {
        pairs(path, ((Goldens.Golden) e).dict, ((Goldens.Golden) a).dict, todo);
      } else if (e instanceof Map) {
        pairs(path, (Map<?, ?>) e, (Map<?, ?>) a, todo);
      } else {
        Iterable<?> ei = e instanceof Tuple ? ((Tuple) e).asList() : (Iterable<?>) e;
        Iterable<?> ai = a instanceof Tuple ? ((Tuple) a).asList() : (Iterable<?>) a;
        Iterator<?> ie = ei.iterator();
        Iterator<?> ia = ai.iterator();
        int i = 0;
        while (ie.hasNext() && ia.hasNext()) {
          todo.add(new Object[] {path + "[" + i++ + "]", ie.next(), ia.next()});
        }
        if (ie.hasNext() || ia.hasNext()) {
          fail(path + ": sizes differ");
        }
      }
    }
  }

  private static void pairs(String path, Map<?, ?> e, Map<?, ?> a, ArrayDeque<Object[]> todo) {
    if (e.size() != a.size()) {
      fail(path + ": sizes differ: expected " + e.size() + " but was " + a.size());
    }
    Iterator<? extends Map.Entry<?, ?>> ie = e.entrySet().iterator();
    Iterator<? extends Map.Entry<?, ?>> ia = a.entrySet().iterator();
    int i = 0;
    while (ie.hasNext()) {
      Map.Entry<?, ?> ee = ie.next();
      Map.Entry<?, ?> ea = ia.next();
      todo.add(new Object[] {path + ".key" + i, ee.getKey(), ea.getKey()});
      todo.add(new Object[] {path + "{" + ee.getKey() + "}", ee.getValue(), ea.getValue()});
      i++;
    }
  }

  private static boolean isContainer(Object o) {
    return o instanceof List || o instanceof Map || o instanceof Set || o instanceof Tuple || o instanceof Goldens.Golden;
  }

  private static String kind(Object o) {
    if (o instanceof Goldens.Golden) {
      return o.getClass().getSimpleName();
    }
    if (o instanceof Tuple) {
      return "tuple";
    }
    if (o instanceof FrozenSet) {
      return "frozenset";
    }
    if (o instanceof Set) {
      return "set";
    }
    if (o instanceof List) {
      return "list";
    }
    return "dict";
  }
}
