package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.pb.jelly.JellyAttributeException;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.jelly.MalformedJellyException;
import dev.spindle.testing.LeakChecked;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 2: Copyable, RemoteCopy, Cacheable and RemoteCache states of any Jelly type, as
 * Twisted hands {@code setCopyableState} whatever the sender's state function returned.
 */
@LeakChecked
class AnyStateTest {
  record Pond(List<Object> ducks) {}

  static final class Box {
    Object content;
  }

  @SuppressWarnings("unchecked")
  private static final JellyRegistry REGISTRY = JellyRegistry.builder()
      .registerAnyState("ponds.Pond", Pond.class, Pond::ducks, s -> new Pond((List<Object>) s))
      .registerAnyState("ponds.Box", Box.class, b -> b.content, Box::new, (b, s) -> b.content = s)
      .build();

  @Test
  void copiesTakeAStateOfAnyJellyType() {
    Pond pond = new Pond(List.of("one duck", "two duck"));
    Sexp sexp = REGISTRY.jelly(pond);
    assertEquals(Sexp.list(Sexp.ascii("ponds.Pond"), Sexp.list(Sexp.ascii("list"),
        Sexp.list(Sexp.ascii("unicode"), Sexp.ascii("one duck")),
        Sexp.list(Sexp.ascii("unicode"), Sexp.ascii("two duck")))), sexp);
    assertEquals(pond, REGISTRY.unjelly(sexp));

    Box box = new Box(); // None as the state, and a state that refers back to its object
    Box back = (Box) REGISTRY.unjelly(REGISTRY.jelly(box));
    assertNull(back.content);
    box.content = List.of("x", box);
    back = (Box) REGISTRY.unjelly(REGISTRY.jelly(box));
    assertEquals("x", ((List<?>) back.content).get(0));
    assertTrue(((List<?>) back.content).get(1) == back, "the state refers back to the object");
  }

  @Test
  void aDictionaryTypeRefusesOtherStatesAsTwistedsDefaultDoes() {
    JellyRegistry dict = JellyRegistry.builder()
        .register("ponds.Pond", Pond.class, p -> Map.of("ducks", p.ducks()), s -> new Pond(List.of()))
        .build();
    MalformedJellyException e = assertThrows(MalformedJellyException.class,
        () -> dict.unjelly(REGISTRY.jelly(new Pond(List.of("a")))));
    assertTrue(e.getMessage().contains("__dict__ must be set to a dictionary, not a 'list'"), e.getMessage());
  }

  @Test
  void throughABrokerADictionaryCopyRefusesOtherStatesAsTwistedsRemoteCopyDoes() {
    JellyRegistry dict = JellyRegistry.builder()
        .register("ponds.Pond", Pond.class, p -> Map.of("ducks", p.ducks()), s -> new Pond(List.of()))
        .build();
    Sexp list = REGISTRY.jelly(new Pond(List.of("a")));
    // an invoker (a broker) makes it Twisted's RemoteCopy.unjellyFor path: state.items()
    JellyAttributeException e = assertThrows(JellyAttributeException.class,
        () -> dict.newUnjellier(new Object()).unjelly(list));
    assertTrue(e.getMessage().contains("'list' object has no attribute 'items'"), e.getMessage());
    // a dictionary is still taken on that path
    Pond ok = (Pond) dict.newUnjellier(new Object()).unjelly(dict.jelly(new Pond(List.of("b"))));
    assertEquals(List.of(), ok.ducks());
  }

  /** A Cacheable whose state is a list (the howto's duck pond). */
  static final class MasterPond implements Cacheable {
    final List<RemoteCacheObserver> observers = new ArrayList<>();

    @Override
    public String getTypeToCopyFor(Object perspective) {
      return "ponds.MasterPond";
    }

    @Override
    public Object getStateToCacheAndObserveFor(Object perspective, RemoteCacheObserver observer) {
      observers.add(observer);
      return List.of("one duck", "two duck");
    }
  }

  /** Overrides setCopyableState(Object): any state. */
  static final class SlavePond extends RemoteCache {
    Object state;

    @Override
    protected void setCopyableState(Object state) {
      this.state = state;
    }
  }

  /** Overrides only setCopyableState(Map): dictionaries only, as Twisted's default. */
  static final class DictPond extends RemoteCache {
    @Override
    protected void setCopyableState(Map<String, Object> state) {}
  }

  public static final class Root implements Referenceable {
    final MasterPond pond = new MasterPond();

    public MasterPond remote_pond() {
      return pond;
    }
  }

  @Test
  void remoteCachesTakeAStateOfAnyJellyType() {
    try (EmbeddedPair pair = new EmbeddedPair(new Root(), PbServer.builder(),
        PbClient.builder().remoteCache("ponds.MasterPond", SlavePond::new))) {
      CompletableFuture<Object> f = pair.root().callRemote("pond");
      pair.pump();
      SlavePond slave = assertInstanceOf(SlavePond.class, f.join());
      assertEquals(List.of("one duck", "two duck"), slave.state);
    }
    try (EmbeddedPair pair = new EmbeddedPair(new Root(), PbServer.builder(),
        PbClient.builder().remoteCache("ponds.MasterPond", DictPond::new))) {
      CompletableFuture<Object> f = pair.root().callRemote("pond");
      pair.pump();
      assertTrue(f.isCompletedExceptionally());
      Throwable t = assertThrows(Exception.class, f::join);
      // Twisted's RemoteCache inherits RemoteCopy.setCopyableState: state.items() -> AttributeError
      JellyAttributeException refused = assertInstanceOf(JellyAttributeException.class, t.getCause());
      assertTrue(refused.getMessage().contains("'list' object has no attribute 'items'"), refused.getMessage());
    }
  }
}
