package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.flavors.KeywordOnly;
import dev.spindle.pb.flavors.Keywords;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.Remote;
import dev.spindle.pb.flavors.VarArgs;
import dev.spindle.pb.flavors.Viewable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.testing.LeakChecked;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Remote-method dispatch: names, argument binding and conversion, keywords, results, errors. */
@LeakChecked
class DispatchTest {
  /** Every supported parameter type, and the ways of naming methods. */
  public static final class Target implements Referenceable {
    final List<Object> seen = new ArrayList<>();
    CompletableFuture<Object> later;

    public long remote_add(long a, long b) {
      return a + b;
    }

    public String remote_types(int i, short s, byte b, Long boxed, BigInteger big, double d,
        boolean flag, String text, byte[] raw, ByteString bytes, List<Object> list, Tuple tuple,
        Map<Object, Object> map, Object anything) {
      seen.addAll(java.util.Arrays.asList(i, s, b, boxed, big, d, flag, text, raw, bytes, list,
          tuple, map, anything));
      return "ok";
    }

    public Object remote_configure(String name, @Keywords Map<String, Object> options) {
      return List.of(name, options);
    }

    @Remote("renamed")
    public String whateverJavaName(String x) {
      return "renamed:" + x;
    }

    @Remote
    public String annotated() {
      return "annotated";
    }

    public void remote_nothing() {}

    public CompletableFuture<Object> remote_later() {
      later = new CompletableFuture<>();
      return later;
    }

    public Object remote_pbError() {
      throw new PbError("expected");
    }

    public Object remote_arithmetic() {
      throw new ArithmeticException("/ by zero");
    }

    public void remote_record(Object x) {
      seen.add(x);
      throw new IllegalStateException("not sent back");
    }

    public Object remote_reference(RemoteReference ref) {
      ref.release();
      return ref.luid();
    }

    public boolean remote_isSelf(Object o) {
      return o == this;
    }

    public Object remote_view() {
      return new Seen();
    }

    String remote_packagePrivate() {
      return "package-private methods are callable too";
    }
  }

  /** A Viewable: {@code view_} methods get the perspective (null outside an avatar) first. */
  public static final class Seen implements Viewable {
    public List<Object> view_whoSees(Object perspective, long arg) {
      return java.util.Arrays.asList(perspective, arg);
    }
  }

  private static Object call(EmbeddedPair pair, CompletableFuture<?> f) {
    pair.pump();
    assertTrue(f.isDone(), "answered");
    return f.join();
  }

  private static RemotePbException failure(EmbeddedPair pair, CompletableFuture<?> f) {
    pair.pump();
    CompletionException e = assertThrows(CompletionException.class, f::join);
    return assertInstanceOf(RemotePbException.class, e.getCause());
  }

  @Test
  void keywordArgumentsBindByParameterName() {
    try (EmbeddedPair pair = new EmbeddedPair(new Target())) {
      RemoteReference root = pair.root();
      assertEquals(3L, call(pair, root.callRemoteWithKeywords("add", List.of(1), Map.of("b", 2))));
      assertEquals(3L, call(pair, root.callRemoteWithKeywords("add", List.of(), Map.of("b", 2, "a", 1))));
      LinkedHashMap<String, Object> kw = new LinkedHashMap<>();
      kw.put("size", 3L);
      kw.put("name2", "x");
      assertEquals(List.of("n", kw), call(pair, root.callRemoteWithKeywords("configure", List.of("n"), kw)));
      assertEquals(List.of("n", Map.of()), call(pair, root.callRemote("configure", "n")));
      assertEquals(List.of("n", Map.of()), call(pair, root.callRemoteWithKeywords("configure", List.of(), Map.of("name", "n"))));
    }
  }

  @Test
  void argumentsThatDoNotBindAreTwistedsTypeError() {
    try (EmbeddedPair pair = new EmbeddedPair(new Target())) {
      RemoteReference root = pair.root();
      RemotePbException e = failure(pair, root.callRemoteWithKeywords("add", List.of(1), Map.of("c", 2)));
      assertEquals("builtins.TypeError", e.typeName());
      assertTrue(e.value().contains("unexpected keyword argument 'c'"), e.value());
      assertEquals(List.of("builtins.TypeError", "builtins.Exception", "builtins.BaseException", "builtins.object"), e.parents());
      e = failure(pair, root.callRemoteWithKeywords("add", List.of(1), Map.of("a", 2)));
      assertTrue(e.value().contains("multiple values for argument 'a'"), e.value());
      e = failure(pair, root.callRemote("add", 1));
      assertTrue(e.value().contains("missing 1 required positional argument: 'b'"), e.value());
      e = failure(pair, root.callRemote("add", 1, 2, 3));
      assertTrue(e.value().contains("takes 3 positional arguments but 4 were given"), e.value());
      e = failure(pair, root.callRemote("add", "1", 2));
      assertTrue(e.value().contains("argument 'a': expected long, got str '1'"), e.value());
      e = failure(pair, root.callRemote("add", 1.5, 2));
      assertTrue(e.value().contains("expected long, got float 1.5"), e.value());
      e = failure(pair, root.callRemote("add", null, 2));
      assertTrue(e.value().contains("expected long, got None"), e.value());
    }
  }

  @Test
  void argumentsConvertToTheDeclaredTypes() {
    Target target = new Target();
    try (EmbeddedPair pair = new EmbeddedPair(target)) {
      RemoteReference root = pair.root();
      assertEquals("ok", call(pair, root.callRemote("types", 1, 2, 3, 4, new BigInteger("99999999999999999999"),
          5, true, "t", new byte[] {1}, ByteString.of((byte) 2), Tuple.of(1, 2), List.of(3, 4), Map.of("k", 1), "any")));
      assertEquals(List.of(1, (short) 2, (byte) 3, 4L, new BigInteger("99999999999999999999"), 5.0, true, "t"),
          target.seen.subList(0, 8));
      assertArrayEquals(new byte[] {1}, (byte[]) target.seen.get(8));
      assertEquals(ByteString.of((byte) 2), target.seen.get(9));
      assertEquals(List.of(1L, 2L), target.seen.get(10)); // a tuple given for a List parameter
      assertEquals(Tuple.of(3L, 4L), target.seen.get(11)); // a list given for a Tuple parameter
      assertEquals(Map.of("k", 1L), target.seen.get(12));
      assertEquals("any", target.seen.get(13));
    }
  }

  @Test
  void integersOutOfRangeAreRefused() {
    try (EmbeddedPair pair = new EmbeddedPair(new Target())) {
      RemoteReference root = pair.root();
      RemotePbException e = failure(pair, root.callRemote("types", 1L << 40, 2, 3, 4, 1, 5, true, "t",
          new byte[0], ByteString.empty(), List.of(), Tuple.of(), Map.of(), null));
      assertEquals("builtins.TypeError", e.typeName());
      assertTrue(e.value().contains("argument 'i': value 1099511627776 out of range for int"), e.value());
      e = failure(pair, root.callRemote("types", 1, 40000, 3, 4, 1, 5, true, "t",
          new byte[0], ByteString.empty(), List.of(), Tuple.of(), Map.of(), null));
      assertTrue(e.value().contains("argument 's': value 40000 out of range for short"), e.value());
      e = failure(pair, root.callRemote("add", new BigInteger("99999999999999999999"), 1));
      assertTrue(e.value().contains("out of range for long"), e.value());
    }
  }

  @Test
  void remoteNamesVoidResultsAndDeferredAnswers() {
    Target target = new Target();
    try (EmbeddedPair pair = new EmbeddedPair(target)) {
      RemoteReference root = pair.root();
      assertEquals("renamed:x", call(pair, root.callRemote("renamed", "x")));
      assertEquals("annotated", call(pair, root.callRemote("annotated")));
      assertEquals("package-private methods are callable too", call(pair, root.callRemote("packagePrivate")));
      assertNull(call(pair, root.callRemote("nothing")));
      CompletableFuture<Object> later = root.callRemote("later");
      pair.pump();
      assertFalse(later.isDone(), "answered when the stage completes");
      target.later.complete(List.of(1));
      assertEquals(List.of(1L), call(pair, later));
      CompletableFuture<Object> failsLater = root.callRemote("later");
      pair.pump();
      target.later.completeExceptionally(new IllegalArgumentException("late"));
      RemotePbException e = failure(pair, failsLater);
      assertEquals("java.lang.IllegalArgumentException", e.typeName());
      assertTrue(e.check("builtins.ValueError"));
      assertEquals("late", e.value());
    }
  }

  @Test
  void unknownMethodsAreNoSuchMethod() {
    try (EmbeddedPair pair = new EmbeddedPair(new Target())) {
      RemotePbException e = failure(pair, pair.root().callRemote("whateverJavaName", "x"));
      assertEquals("twisted.spread.flavors.NoSuchMethod", e.typeName());
      assertEquals("No such method: remote_whateverJavaName", e.value());
      assertTrue(e.check("builtins.AttributeError"));
      assertEquals("Traceback unavailable\n", e.remoteTraceback());
    }
  }

  @Test
  void exceptionsCarryJavaAndPythonNames() {
    try (EmbeddedPair pair = new EmbeddedPair(new Target())) {
      RemoteReference root = pair.root();
      RemotePbException e = failure(pair, root.callRemote("pbError"));
      assertEquals("twisted.spread.pb.Error", e.typeName());
      assertEquals(List.of("twisted.spread.pb.Error", "builtins.Exception", "builtins.BaseException", "builtins.object"), e.parents());
      e = failure(pair, root.callRemote("arithmetic"));
      assertEquals("java.lang.ArithmeticException", e.typeName());
      assertEquals(List.of("java.lang.ArithmeticException", "java.lang.RuntimeException", "java.lang.Exception",
          "java.lang.Throwable", "builtins.ZeroDivisionError", "builtins.ArithmeticError", "builtins.Exception",
          "builtins.BaseException", "builtins.object"), e.parents());
    }
  }

  @Test
  void unsafeTracebacksSendTheJavaStackTrace() {
    try (EmbeddedPair pair = new EmbeddedPair(new Target(), PbServer.builder().unsafeTracebacks(true), PbClient.builder())) {
      RemotePbException e = failure(pair, pair.root().callRemote("arithmetic"));
      assertTrue(e.remoteTraceback().startsWith("java.lang.ArithmeticException: / by zero"), e.remoteTraceback());
      assertTrue(e.remoteTraceback().contains("remote_arithmetic"), e.remoteTraceback());
    }
  }

  @Test
  void noAnswerMeansNothingComesBackEvenOnError() {
    Target target = new Target();
    try (EmbeddedPair pair = new EmbeddedPair(target)) {
      pair.root().callRemoteNoAnswer("record", 7);
      assertEquals(1, pair.pump(), "only the message is carried");
      assertEquals(List.of(7L), target.seen);
      pair.root().callRemoteNoAnswer("noSuchMethod");
      assertEquals(1, pair.pump());
      assertTrue(pair.server.channel.isOpen() && pair.client.channel.isOpen());
    }
  }

  @Test
  void referencesResolveBackAndViewablesGetThePerspective() {
    try (EmbeddedPair pair = new EmbeddedPair(new Target())) {
      RemoteReference root = pair.root();
      assertEquals(true, call(pair, root.callRemote("isSelf", root)), "the root sent back is the object");
      assertEquals(1L, call(pair, root.callRemote("reference", new Goldens.ClientCallback())));
      RemoteReference view = (RemoteReference) call(pair, root.callRemote("view"));
      assertEquals(java.util.Arrays.asList(null, 5L), call(pair, view.callRemote("whoSees", 5)));
      RemotePbException e = failure(pair, view.callRemote("reference", root));
      assertEquals("No such method: view_reference", e.value());
    }
  }

  @Test
  void typedResultsConvertLikeArguments() {
    try (EmbeddedPair pair = new EmbeddedPair(new Target())) {
      RemoteReference root = pair.root();
      CompletableFuture<Integer> i = root.callRemote(int.class, "add", 1, 2);
      assertEquals(3, call(pair, i));
      CompletableFuture<String> wrong = root.callRemote(String.class, "add", 1, 2);
      pair.pump();
      CompletionException e = assertThrows(CompletionException.class, wrong::join);
      assertInstanceOf(PbArgumentException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("expected String, got int 3"), e.getCause().getMessage());
      CompletableFuture<RemoteReference> view = root.callRemote(RemoteReference.class, "view");
      assertInstanceOf(RemoteReference.class, call(pair, view));
    }
  }

  /** Two methods for one remote name. */
  public static final class Overloaded implements Referenceable {
    public long remote_add(long a) {
      return a;
    }

    public long remote_add(long a, long b) {
      return a + b;
    }
  }

  /** A {@code @Keywords} map that is not the last parameter. */
  public static final class MisplacedKeywords implements Referenceable {
    public Object remote_f(@Keywords Map<String, Object> kw, long a) {
      return a;
    }
  }

  /** Python's shapes: defaults read per type, a variadic tail, keyword-only parameters. */
  public static final class Shapes implements Referenceable {
    public List<Object> remote_f(@Default("1") long by, @Default("0.5") double d, @Default("True") boolean b,
        @Default("guest") String s, @Default("'q'") Object o, @Default Object none, @VarArgs Tuple rest,
        @KeywordOnly @Default("7") int k) {
      return java.util.Arrays.asList(by, d, b, s, o, none, rest, k);
    }

    public String remote_join(String sep, String... parts) {
      return String.join(sep, parts);
    }
  }

  /** Python: non-default argument follows default argument. */
  public static final class DefaultThenRequired implements Referenceable {
    public long remote_f(@Default("1") long a, long b) {
      return a + b;
    }
  }

  /** A default that does not read as its type. */
  public static final class BadDefault implements Referenceable {
    public long remote_f(@Default("one") long a) {
      return a;
    }
  }

  /** None for a primitive. */
  public static final class NoneForPrimitive implements Referenceable {
    public long remote_f(@Default long a) {
      return a;
    }
  }

  /** A positional parameter after a keyword-only one. */
  public static final class PositionalAfterKeywordOnly implements Referenceable {
    public long remote_f(@KeywordOnly long a, long b) {
      return a;
    }
  }

  @Test
  void defaultsVariadicTailsAndKeywordOnlyParametersBindAsInPython() {
    try (EmbeddedPair pair = new EmbeddedPair(new Shapes())) {
      RemoteReference root = pair.root();
      assertEquals(java.util.Arrays.asList(1L, 0.5, true, "guest", "q", null, Tuple.of(), 7L),
          call(pair, root.callRemote("f")));
      assertEquals(java.util.Arrays.asList(2L, 1.0, false, "s", "o", "n", Tuple.of(9L), 8L),
          call(pair, root.callRemoteWithKeywords("f", List.of(2, 1, false, "s", "o", "n", 9), Map.of("k", 8))));
      assertEquals("a-b-c", call(pair, root.callRemote("join", "-", "a", "b", "c")));
      assertEquals("", call(pair, root.callRemote("join", "-")));
      RemotePbException e = failure(pair, root.callRemote("join", "-", "a", 2));
      assertEquals("builtins.TypeError", e.typeName());
      assertEquals("DispatchTest.Shapes.remote_join() argument 3 (in *parts): expected String, got int 2", e.value());
      e = failure(pair, root.callRemoteWithKeywords("f", List.of(), Map.of("k", 1, "by", 2, "zz", 3)));
      assertEquals("DispatchTest.Shapes.remote_f() got an unexpected keyword argument 'zz'", e.value());
    }
    for (Object bad : List.of(new DefaultThenRequired(), new BadDefault(), new NoneForPrimitive(),
        new PositionalAfterKeywordOnly())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PbServer.builder().root(bad));
      assertTrue(e.getMessage().contains(bad.getClass().getSimpleName() + ".remote_f("), e.getMessage());
    }
  }

  @Test
  void classesThatCannotBeCalledAreRefusedWhenFirstUsed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PbServer.builder().root(new Overloaded()));
    assertTrue(e.getMessage().contains("remote method 'add' of " + Overloaded.class.getName() + " is defined twice"), e.getMessage());
    assertTrue(e.getMessage().contains("remote_add(long)") && e.getMessage().contains("remote_add(long, long)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PbServer.builder().root(new MisplacedKeywords()));
    assertTrue(e.getMessage().contains("@Keywords parameter 'kw'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PbServer.builder().root("not a Referenceable"));
    assertTrue(e.getMessage().contains("expected: a Root or Referenceable"), e.getMessage());

    // Sent as a value, the error is the sender's: the call that would send it fails.
    try (EmbeddedPair pair = new EmbeddedPair(new Target())) {
      CompletableFuture<Object> f = pair.root().callRemote("reference", new Overloaded());
      assertTrue(f.isCompletedExceptionally(), "failed before anything is sent");
      assertEquals(0, pair.pump());
      CompletionException x = assertThrows(CompletionException.class, f::join);
      assertTrue(x.getCause().getMessage().contains("defined twice"), x.getCause().getMessage());
    }
  }

  @Test
  void rootIsTheSameObjectForEveryCall() {
    Target target = new Target();
    try (EmbeddedPair pair = new EmbeddedPair(target)) {
      RemoteReference r1 = pair.root();
      RemoteReference r2 = pair.client.connection.getRootObject().join();
      assertSame(r1, r2);
      r1.release(); // not counted: nothing is sent
      assertEquals(0, pair.pump());
      assertEquals(3L, call(pair, r1.callRemote("add", 1, 2)));
    }
  }
}
