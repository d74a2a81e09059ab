package dev.spindle.pb.jelly;

import static dev.spindle.pb.jelly.S.l;
import static dev.spindle.pb.jelly.S.u;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Toy Perspective Broker flavors on the extension points: {@link Jellyable} on the sending side
 * and {@link UnjellyHandler} on the receiving side, with a broker as the invoker. Shapes as in
 * PB.md section 5.
 */
class ExtensionPointsTest {

  /** Per-connection tables, as a PB broker keeps them. */
  static final class ToyBroker {
    final IdentityHashMap<Object, Integer> luids = new IdentityHashMap<>();
    final Map<Integer, Object> local = new HashMap<>();
    final Map<Integer, Integer> refCounts = new HashMap<>();
    final IdentityHashMap<Object, Integer> cachedRemotely = new IdentityHashMap<>();
    final Map<Integer, RemoteCounter> remoteCaches = new HashMap<>();
    int nextLuid = 1;

    int export(Object o) {
      int luid = luids.computeIfAbsent(o, x -> nextLuid++);
      local.put(luid, o);
      refCounts.merge(luid, 1, Integer::sum);
      return luid;
    }
  }

  /** {@code pb.Referenceable}: {@code ["remote", luid]} at every occurrence. */
  static final class Referenceable implements Jellyable {
    @Override
    public boolean tracksIdentity(Jellier jellier) {
      return false;
    }

    @Override
    public Sexp jellyFor(Jellier jellier) {
      return l("remote", ((ToyBroker) jellier.invoker()).export(this));
    }
  }

  /** {@code pb.Copyable}: {@code [typeName, state]}, shared within a message. */
  static final class Node implements Jellyable {
    final String name;
    Node parent;
    final List<Node> children = new ArrayList<>();

    Node(String name) {
      this.name = name;
    }

    Node add(Node child) {
      child.parent = this;
      children.add(child);
      return this;
    }

    @Override
    public Sexp jellyFor(Jellier jellier) {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("name", name);
      state.put("parent", parent);
      state.put("children", children);
      return Sexp.list(Sexp.ascii("toys.Node"), jellier.jelly(state));
    }
  }

  /** {@code pb.Cacheable}: {@code [typeName, luid, state]} the first time, then {@code ["cached", luid]}. */
  static final class Counter implements Jellyable {
    final long value;

    Counter(long value) {
      this.value = value;
    }

    @Override
    public boolean tracksIdentity(Jellier jellier) {
      return !((ToyBroker) jellier.invoker()).cachedRemotely.containsKey(this);
    }

    @Override
    public Sexp jellyFor(Jellier jellier) {
      ToyBroker broker = (ToyBroker) jellier.invoker();
      Integer luid = broker.cachedRemotely.get(this);
      if (luid != null) {
        return l("cached", luid);
      }
      luid = broker.nextLuid++;
      broker.cachedRemotely.put(this, luid);
      return Sexp.list(Sexp.ascii("toys.Counter"), Sexp.integer(luid), jellier.jelly(Map.of("value", value)));
    }
  }

  record RemoteReference(int luid, ToyBroker broker) {}

  /** The receiver's {@code RemoteCache}: one record per luid, a copy per occurrence. */
  record RemoteCounter(int luid, Object value) {}

  /** The receiver's copy of a {@link Node}, rebuilt Twisted-style (blank, then state). */
  static final class RemoteNode {
    Map<?, ?> state;
  }

  static final UnjellyHandler REMOTE = (sexp, u) -> {
    arity(sexp, 2);
    return new RemoteReference(((Sexp.Int) sexp.get(1)).value() > 0 ? (int) ((Sexp.Int) sexp.get(1)).value() : -1,
        (ToyBroker) u.invoker());
  };

  static final UnjellyHandler LOCAL = (sexp, u) -> {
    arity(sexp, 2);
    return ((ToyBroker) u.invoker()).local.get((int) ((Sexp.Int) sexp.get(1)).value());
  };

  static final UnjellyHandler NODE = (sexp, u) -> {
    arity(sexp, 2);
    RemoteNode node = new RemoteNode();
    u.bindBlank(node);
    node.state = (Map<?, ?>) u.unjelly(sexp.get(1));
    return node;
  };

  static final UnjellyHandler COUNTER = (sexp, u) -> {
    arity(sexp, 3);
    int luid = (int) ((Sexp.Int) sexp.get(1)).value();
    RemoteCounter c = new RemoteCounter(luid, ((Map<?, ?>) u.unjelly(sexp.get(2))).get("value"));
    ((ToyBroker) u.invoker()).remoteCaches.put(luid, c);
    return c;
  };

  static final UnjellyHandler CACHED = (sexp, u) -> {
    arity(sexp, 2);
    RemoteCounter c = ((ToyBroker) u.invoker()).remoteCaches.get((int) ((Sexp.Int) sexp.get(1)).value());
    if (c == null) {
      throw new MalformedJellyException("cached " + sexp.get(1) + ": unknown luid (expected: a cache sent before)");
    }
    return new RemoteCounter(c.luid(), c.value());
  };

  static void arity(Sexp.SList sexp, int n) {
    if (sexp.size() != n) {
      throw new MalformedJellyException(sexp.get(0) + ": " + sexp.size() + " elements (expected: " + n + ")");
    }
  }

  static final JellyRegistry PB = JellyRegistry.builder()
      .handler("remote", REMOTE)
      .handler("local", LOCAL)
      .handler("cached", CACHED)
      .handler("toys.Node", NODE)
      .handler("toys.Counter", COUNTER)
      .build();

  @Test
  void referenceablesAreWrittenAtEveryOccurrenceAndCounted() {
    ToyBroker broker = new ToyBroker();
    Referenceable r = new Referenceable();
    assertEquals(l("list", l("remote", 1), l("remote", 1), l("remote", 2)),
        PB.newJellier(broker).jelly(List.of(r, r, new Referenceable())));
    assertEquals(2, broker.refCounts.get(1));
  }

  @Test
  void copyablesShareAndMayContainThemselves() {
    Node root = new Node("root").add(new Node("a")).add(new Node("b"));
    Sexp sexp = PB.newJellier(new ToyBroker()).jelly(List.of(root, root));
    Sexp.SList first = (Sexp.SList) ((Sexp.SList) sexp).get(1);
    Sexp a = l("toys.Node", l("dictionary", l(u("name"), u("a")), l(u("parent"), l("dereference", 1)), l(u("children"), l("list"))));
    Sexp b = l("toys.Node", l("dictionary", l(u("name"), u("b")), l(u("parent"), l("dereference", 1)), l(u("children"), l("list"))));
    Sexp rootState = l("dictionary", l(u("name"), u("root")), l(u("parent"), l("None")), l(u("children"), l("list", a, b)));
    assertEquals(l("reference", 1, l("toys.Node", rootState)), first);
    assertEquals(l("dereference", 1), ((Sexp.SList) sexp).get(2));

    List<?> back = (List<?>) PB.newUnjellier(new ToyBroker()).unjelly(sexp);
    RemoteNode r = (RemoteNode) back.get(0);
    assertSame(r, back.get(1));
    for (Object child : (List<?>) r.state.get("children")) {
      assertSame(r, ((RemoteNode) child).state.get("parent"));
    }
  }

  @Test
  void cacheablesAreSentOnceThenCachedAndSharedWithinAMessage() {
    ToyBroker broker = new ToyBroker();
    Counter c = new Counter(7);
    assertEquals(l("list", l("reference", 1, l("toys.Counter", 1, l("dictionary", l(u("value"), 7)))), l("dereference", 1)),
        PB.newJellier(broker).jelly(List.of(c, c)));
    // Next message: the peer holds it; Twisted's ["cached", luid] path does not prepare, so no references.
    assertEquals(l("list", l("cached", 1), l("cached", 1)), PB.newJellier(broker).jelly(List.of(c, c)));

    ToyBroker peer = new ToyBroker();
    List<?> first = (List<?>) PB.newUnjellier(peer).unjelly(l("list", l("reference", 1, l("toys.Counter", 1, l("dictionary", l(u("value"), 7)))), l("dereference", 1)));
    assertSame(first.get(0), first.get(1));
    List<?> second = (List<?>) PB.newUnjellier(peer).unjelly(l("list", l("cached", 1), l("cached", 1)));
    assertEquals(new RemoteCounter(1, 7L), second.get(0));
    assertThrows(MalformedJellyException.class, () -> PB.newUnjellier(peer).unjelly(l("cached", 9)));
  }

  @Test
  void referenceNumbersRestartWithEachJellier() {
    ToyBroker broker = new ToyBroker();
    List<Object> shared = new ArrayList<>();
    Sexp expected = l("list", l("reference", 1, l("list")), l("dereference", 1));
    assertEquals(expected, PB.newJellier(broker).jelly(List.of(shared, shared)));
    assertEquals(expected, PB.newJellier(broker).jelly(List.of(shared, shared)));
  }

  @Test
  void handlersSeeTheInvoker() {
    ToyBroker broker = new ToyBroker();
    Object exported = new Object();
    broker.local.put(5, exported);
    assertSame(exported, PB.newUnjellier(broker).unjelly(l("local", 5)));
    assertNull(PB.newUnjellier(broker).unjelly(l("local", 6)));
    RemoteReference ref = (RemoteReference) PB.newUnjellier(broker).unjelly(l("remote", 3));
    assertSame(broker, ref.broker());
  }

  @Test
  void aHandlerWithoutBindBlankCannotBeInsideItsOwnState() {
    JellyRegistry r = JellyRegistry.builder()
        .handler("toys.Node", (sexp, u) -> u.unjelly(sexp.get(1)))
        .build();
    MalformedJellyException e = assertThrows(MalformedJellyException.class,
        () -> r.unjelly(l("reference", 1, l("toys.Node", l("list", l("dereference", 1))))));
    assertTrue(e.getMessage().contains("bindBlank"), e.getMessage());
  }

  @Test
  void bindBlankIsForHandlersOnly() {
    Unjellier u = PB.newUnjellier();
    assertThrows(IllegalStateException.class, () -> u.bindBlank(new Object()));
    JellyRegistry twice = JellyRegistry.builder().handler("x.Twice", (sexp, un) -> {
      un.bindBlank("a");
      un.bindBlank("a");
      return "a";
    }).build();
    assertThrows(IllegalStateException.class, () -> twice.unjelly(l("x.Twice")));
    JellyRegistry other = JellyRegistry.builder().handler("x.Other", (sexp, un) -> {
      un.bindBlank("a");
      return "b";
    }).build();
    assertThrows(IllegalStateException.class, () -> other.unjelly(l("x.Other")));
  }

  @Test
  void trackedJellyablesMustWriteALists() {
    Jellyable atom = j -> Sexp.integer(1);
    assertThrows(JellyException.class, () -> PB.jelly(atom));
    Jellyable untracked = new Jellyable() {
      @Override
      public Sexp jellyFor(Jellier jellier) {
        return Sexp.integer(1);
      }

      @Override
      public boolean tracksIdentity(Jellier jellier) {
        return false;
      }
    };
    assertEquals(l("list", 1, 1), PB.jelly(List.of(untracked, untracked)));
  }

  @Test
  void handlerExceptionsPropagateUnchanged() {
    IllegalStateException boom = new IllegalStateException("pb says no");
    JellyRegistry r = JellyRegistry.builder().handler("remote", (sexp, u) -> {
      throw boom;
    }).build();
    assertSame(boom, assertThrows(IllegalStateException.class, () -> r.unjelly(l("list", l("remote", 1)))));
    Jellyable failing = j -> {
      throw boom;
    };
    assertSame(boom, assertThrows(IllegalStateException.class, () -> r.jelly(List.of(failing))));
  }

  @Test
  void handlersMayBeTheValueOfAReference() {
    List<?> l = (List<?>) PB.newUnjellier(new ToyBroker()).unjelly(l("list", l("reference", 4, l("remote", 2)), l("dereference", 4)));
    assertInstanceOf(RemoteReference.class, l.get(0));
    assertSame(l.get(0), l.get(1));
  }
}
