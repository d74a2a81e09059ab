package dev.spindle.pb;

import static dev.spindle.pb.Msg.a;
import static dev.spindle.pb.Msg.dict;
import static dev.spindle.pb.Msg.i;
import static dev.spindle.pb.Msg.l;
import static dev.spindle.pb.Msg.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.testing.LeakChecked;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, finding 7: a {@link VirtualMachineError} (here thrown on purpose: a stack overflow,
 * and a test-only out-of-memory error) is never sent to the peer; the connection is closed with it
 * as the cause, and references the call received are given back whichever way it fails.
 */
@LeakChecked
class FatalErrorsTest {
  private static final String CONNECT = "02827062" + "028013870681";
  static final OutOfMemoryError TEST_OOM = new OutOfMemoryError("test-only: not really out of memory");

  /** A root whose methods fail with VM errors. */
  public static final class Target implements Root {
    final CompletableFuture<Object> later = new CompletableFuture<>();

    public Object remote_overflow() {
      throw new StackOverflowError("test-only");
    }

    public Object remote_oom() {
      throw TEST_OOM;
    }

    public CompletableFuture<Object> remote_later() {
      return later;
    }

    public Object remote_take(Object reference, Object bomb) {
      return "never called";
    }
  }

  /** A copy class whose factory overflows the stack. */
  static final class Bomb {}

  private static EmbeddedPb connected(Target target) {
    JellyRegistry registry = JellyRegistry.builder()
        .register("test.Bomb", Bomb.class, b -> Map.of(), s -> {
          throw new StackOverflowError("test-only: in a factory");
        })
        .build();
    EmbeddedPb server = EmbeddedPb.server(target, PbServer.builder().jelly(registry));
    server.next(); // the dialect offer
    server.feed(CONNECT);
    server.next(); // the version
    return server;
  }

  private static Throwable closeCause(EmbeddedPb server) {
    server.channel.runPendingTasks();
    assertFalse(server.channel.isOpen(), "closed");
    CompletionException e = assertThrows(CompletionException.class,
        () -> server.connection.closeFuture().toCompletableFuture().join());
    return e.getCause();
  }

  @Test
  void aStackOverflowInAMethodIsNotSentAndClosesTheConnection() {
    try (EmbeddedPb server = connected(new Target())) {
      server.feed(Msg.callRoot(1, "overflow"));
      assertEquals(StackOverflowError.class, closeCause(server).getClass());
      assertNull(server.next(), "nothing sent to the peer");
    }
  }

  @Test
  void anOutOfMemoryErrorWithNoAnswerWantedClosesTheConnection() {
    try (EmbeddedPb server = connected(new Target())) {
      server.feed(l(a("message"), i(1), a("root"), a("oom"), i(0), tuple(), dict()));
      assertSame(TEST_OOM, closeCause(server));
      assertNull(server.next(), "nothing sent to the peer");
    }
  }

  @Test
  void aVmErrorCompletingADeferredAnswerIsNotSent() {
    Target target = new Target();
    try (EmbeddedPb server = connected(target)) {
      server.feed(Msg.callRoot(1, "later"));
      assertNull(server.next());
      target.later.completeExceptionally(TEST_OOM);
      assertSame(TEST_OOM, closeCause(server));
      assertNull(server.next(), "nothing sent to the peer");
    }
  }

  @Test
  void referencesAreGivenBackWhenUnjellyingFailsWithAnError() {
    try (EmbeddedPb server = connected(new Target())) {
      // take(<the peer's object 5>, <a Bomb>): the reference is made, then the Bomb overflows
      server.feed(Msg.callRoot(1, "take", Msg.remote(5), l(a("test.Bomb"), l(a("dictionary")))));
      Sexp decref = server.nextSexp();
      assertEquals(l(a("decref"), i(5)), decref, "the reference given back");
      assertEquals(StackOverflowError.class, closeCause(server).getClass());
      assertNull(server.next(), "no error reply");
    }
  }
}
