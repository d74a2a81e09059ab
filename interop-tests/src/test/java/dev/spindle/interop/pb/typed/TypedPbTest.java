package dev.spindle.interop.pb.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.login.Perspective;
import dev.spindle.testing.LeakChecked;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.typed.PbStub;
import dev.spindle.pb.exceptions.RemotePbException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Typed PB, Java to Java over TCP on 127.0.0.1: generated stubs call generated skeletons with
 * every parameter shape; untyped callers get Python's calling convention and CPython's TypeError
 * texts from the skeleton; answers that do not fit the declared type fail the call.
 */
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TypedPbTest {
  /** The records Elementwise sends by value, registered by its generated skeleton. */
  private static final JellyRegistry COPIES =
      Elementwise_PbSkeleton.registerCopies(JellyRegistry.builder()).build();

  private static <T> T await(CompletionStage<T> f) throws Exception {
    return f.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static String typeError(CompletableFuture<?> call) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(20, TimeUnit.SECONDS));
    RemotePbException remote = assertInstanceOf(RemotePbException.class, e.getCause());
    assertEquals("builtins.TypeError", remote.typeName(), remote.toString());
    return remote.value();
  }

  @Test
  void stubCallsSkeletonWithEveryShape() throws Exception {
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0)
            .root(ShapesRoot_PbSkeleton.of(new TypedShapes())).start();
        PbClient client = PbClient.builder().build()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      ShapesRoot shapes = ShapesRoot_PbStub.of(root);
      assertSame(root, ((ShapesRoot_PbStub) shapes).reference());

      assertEquals(6L, await(shapes.increment(5)));
      assertEquals(List.of(List.of(1L, "two"), Map.of("z", 3L)),
          await(shapes.kwargs(List.of(1L, "two"), Map.of("z", 3L))));
      assertEquals(Arrays.asList(1L, 2L, List.of(3L, 4L), "K", "y", Map.of("z", 5L)),
          await(shapes.shapes(1L, 2L, List.of(3L, 4L), "K", "y", Map.of("z", 5L))));
      assertEquals(3L, await(shapes.ko(3L)));
      assertEquals(6L, await(shapes.sum(1, 2, 3)));
      assertEquals(0L, await(shapes.sum()));
      assertEquals(Arrays.asList(1L, null, "c"), await(shapes.two(1L, null, "c")));
      assertEquals("HELLO ANN!", await(shapes.greet("ann", true, "!")));
      assertEquals("hello guest", await(shapes.greet("guest", false, null)));
      // a View sent by a remote_ method: no perspective chose its target
      ShapesRoot.Look look = ShapesRoot_Look_PbStub.of((RemoteReference) await(shapes.getLook()));
      assertEquals(Arrays.asList(true, 1L, 0L), await(look.look(1L, 0L)));
    }
  }

  @Test
  void skeletonBindsUntypedCallsAsPython() throws Exception {
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0)
            .root(ShapesRoot_PbSkeleton.of(new TypedShapes())).start();
        PbClient client = PbClient.builder().build()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      assertEquals(2L, await(root.callRemote("increment")));
      assertEquals(4L, await(root.callRemoteWithKeywords("increment", List.of(), Map.of("by", 3L))));
      assertEquals(Arrays.asList(1L, 2L, List.of(), "K", "x", Map.of()),
          await(root.callRemoteWithKeywords("shapes", List.of(1L), Map.of("k", "K"))));
      assertEquals("hello guest!", await(root.callRemoteWithKeywords("greet", List.of(),
          Map.of("punct", "!"))));
      assertEquals("ShapesRoot.remote_increment() takes from 1 to 2 positional arguments but 3"
          + " were given", typeError(root.callRemote("increment", 1L, 2L)));
      assertEquals("ShapesRoot.remote_two() missing 3 required positional arguments: 'a', 'b',"
          + " and 'c'", typeError(root.callRemote("two")));
      assertEquals("ShapesRoot.remote_ko() missing 1 required keyword-only argument: 'k'",
          typeError(root.callRemote("ko")));
      assertEquals("ShapesRoot.remote_sum() got an unexpected keyword argument 'numbers'",
          typeError(root.callRemoteWithKeywords("sum", List.of(), Map.of("numbers", 1L))));
      assertEquals("ShapesRoot.remote_increment() argument 'by': expected long, got str 'x'",
          typeError(root.callRemote("increment", "x")));
    }
  }

  @Test
  void answerOutOfRangeFailsTheCallNamingMethodAndValue() throws Exception {
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0)
            .root(ShapesRoot_PbSkeleton.of(new TypedShapes())).start();
        PbClient client = PbClient.builder().build()) {
      Narrow narrow = Narrow_PbStub.of(await(client.getRootObject("127.0.0.1", server.port())));
      assertEquals((byte) 100, await(narrow.incrementByte(99)));
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> narrow.incrementByte(200).get(20, TimeUnit.SECONDS));
      PbArgumentException wrong = assertInstanceOf(PbArgumentException.class, e.getCause());
      assertEquals("result of Narrow.incrementByte: value 201 out of range for Byte (expected:"
          + " -128..127)", wrong.getMessage());
    }
  }

  @Test
  void voidCallsAskNoAnswerAndReferencesCallBack() throws Exception {
    CompletableFuture<String> noted = new CompletableFuture<>();
    Ledger ledger = new Ledger() {
      @Override
      public void note(String text, int times) {
        noted.complete(text.repeat(times));
      }

      @Override
      public CompletableFuture<Long> incrementThere(RemoteReference counter, long by) {
        return ShapesRoot_PbStub.of(counter).increment(by);
      }
    };
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0)
            .root(Ledger_PbSkeleton.of(ledger)).start();
        PbClient client = PbClient.builder().build()) {
      Ledger remote = Ledger_PbStub.of(await(client.getRootObject("127.0.0.1", server.port())));
      remote.note("ab", 3);
      assertEquals("ababab", await(noted));
      // a skeleton sent as an argument arrives as a reference, which a stub then calls
      RemoteReference root = ((Ledger_PbStub) remote).reference();
      assertEquals(42L, await(root.callRemote("incrementThere",
          ShapesRoot_PbSkeleton.of(new TypedShapes()), 41L)));
    }
  }

  @Test
  void aSkeletonIsAnAvatarCalledAsPerspective() throws Exception {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    CompletableFuture<Void> loggedOut = new CompletableFuture<>();
    Realm realm = (id, mind, interfaces) -> CompletableFuture.completedFuture(LoginResult.of(
        Perspective.class, ShapesRoot_PbSkeleton.avatar(new TypedShapes()),
        () -> loggedOut.complete(null)));
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0).portal(new Portal(realm, users))
            .start();
        PbClient client = PbClient.builder().build()) {
      RemoteReference avatar = await(client.login("127.0.0.1", server.port(),
          UsernamePassword.of("alice", "secret"), null));
      assertEquals(6L, await(ShapesRoot_PbStub.of(avatar).increment(5)));
      // a View sent by a perspective_ method: the avatar chose its target
      RemoteReference view = (RemoteReference) await(ShapesRoot_PbStub.of(avatar).getLook());
      assertEquals(Arrays.asList(false, "x", 0L), await(ShapesRoot_Look_PbStub.of(view).look("x", 0L)));
      assertEquals("ShapesRoot.Look.view_look() takes from 3 to 4 positional arguments but 5 were"
          + " given", typeError(view.callRemote("look", 1L, 2L, 3L)));
      // the prefix is chosen where the skeleton is bound: here perspective_
      assertEquals("ShapesRoot.perspective_increment() takes from 1 to 2 positional arguments"
          + " but 3 were given", typeError(avatar.callRemote("increment", 1L, 2L)));
      avatar.release();
      await(loggedOut);
    }
  }

  @Test
  void elementTypesAreConvertedBothWays() throws Exception {
    try (PbServer server = PbServer.builder().bind("127.0.0.1", 0)
            .jelly(COPIES).root(Elementwise_PbSkeleton.of(new TypedElements())).start();
        PbClient client = PbClient.builder().jelly(COPIES).build()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      Elementwise elements = Elementwise_PbStub.of(root);
      assertEquals(List.of(1, 2), await(elements.ints(List.of(1, 2))));
      assertEquals(Map.of("a", List.of(3L)), await(elements.groups(Map.of("a", List.of(3L)))));
      assertEquals(Set.of("n"), await(elements.names(Set.of("n"))));
      assertEquals(Optional.of(5.0), await(elements.maybe(Optional.of(2.5), Optional.of("x"))));
      assertEquals(Optional.empty(), await(elements.maybe(Optional.empty(), Optional.empty())));
      assertEquals(Optional.empty(), await(elements.maybe(null, null))); // null is None too
      assertEquals(new Point(2, 1, Optional.of("A"), List.of(Point.of(3, 4))),
          await(elements.mirror(new Point(1, 2, Optional.of("a"), List.of(Point.of(3, 4))))));

      assertEquals("Elementwise.remote_ints() argument 'xs': [2]: value 4294967296 out of range"
          + " for Integer (expected: -2147483648..2147483647)",
          typeError(root.callRemote("ints", List.of(1L, 2L, 1L << 32))));
      assertEquals("Elementwise.remote_groups() argument 'groups': ['k'][0]: expected Long, got"
          + " str 'x'", typeError(root.callRemote("groups", Map.of("k", List.of("x")))));
      assertEquals("Elementwise.remote_maybe() argument 'x': expected Double, got str 'y'",
          typeError(root.callRemote("maybe", "y")));

      NarrowElements narrow = NarrowElements_PbStub.of(root);
      ExecutionException e = assertThrows(ExecutionException.class, () -> narrow.intGroups(
          Map.of("b", List.of(7L, 1L << 33))).get(20, TimeUnit.SECONDS));
      assertEquals("result of NarrowElements.intGroups: ['b'][1]: value 8589934592 out of range"
          + " for Integer (expected: -2147483648..2147483647)", e.getCause().getMessage());
    }
  }

  @Test
  void anObjectSentTwiceIsOneReference() throws Exception {
    TypedShapes shapes = new TypedShapes();
    assertSame(ShapesRoot_PbSkeleton.of(shapes), ShapesRoot_PbSkeleton.of(shapes));
    try (PbServer server = dev.spindle.examples.pb.typed.TypedPb1.start(0,
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        PbClient client = PbClient.builder().build()) {
      dev.spindle.examples.pb.typed.One one = dev.spindle.examples.pb.typed.One_PbStub.of(
          await(client.getRootObject("127.0.0.1", server.port())));
      // the server's One answers the same Two each time: one skeleton, so one luid, as Twisted
      RemoteReference first = ((PbStub) await(one.getTwo())).reference();
      RemoteReference second = ((PbStub) await(one.getTwo())).reference();
      assertEquals(first.luid(), second.luid());
    }
  }
}
