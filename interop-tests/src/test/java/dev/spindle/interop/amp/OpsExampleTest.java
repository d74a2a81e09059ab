package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.exceptions.UnknownRemoteException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.examples.ops.Inventory;
import dev.spindle.examples.ops.Lookup;
import dev.spindle.examples.ops.Ping;
import dev.spindle.examples.ops.Restock;
import dev.spindle.examples.ops.TokenAuth;
import dev.spindle.testing.LeakChecked;
import dev.spindle.transport.BlockingExecutor;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ops example's pieces (examples/ops): {@code @Blocking} on generated responders reaches the
 * executor through {@code CommandLocator.of}, non-blocking ones do not, and the token interceptor
 * logs in and authorizes with AMP error codes, the connection kept.
 */
@LeakChecked
@Timeout(60)
class OpsExampleTest {
  @Test
  void blockingRespondersUseTheExecutorAndTheAuthInterceptorRefusesWithCodes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger ran = new AtomicInteger();
    Executor counting = r -> {
      ran.incrementAndGet();
      pool.execute(r);
    };
    TokenAuth auth = new TokenAuth(Map.of("t-alice", "alice", "t-bob", "bob"), Map.of("Restock", Set.of("alice")));
    try (AmpServer server = AmpServer.builder().locator(CommandLocator.of(new Inventory()))
            .blockingExecutor(BlockingExecutor.create(counting, 10)).intercept(auth).start();
        AmpClient alice = AmpClient.builder().interceptClientCalls(TokenAuth.bearer("t-alice")).build();
        AmpClient bob = AmpClient.builder().interceptClientCalls(TokenAuth.bearer("t-bob")).build();
        AmpClient nobody = AmpClient.builder().build()) {
      AmpConnection a = alice.connect("127.0.0.1", server.port()).get(15, TimeUnit.SECONDS);
      assertEquals("hi", a.callRemote(new Ping("hi")).get(15, TimeUnit.SECONDS).text());
      assertEquals(0, ran.get());
      assertEquals("12", a.callRemote(new Lookup("apples")).get(15, TimeUnit.SECONDS).value());
      assertEquals(1, ran.get());
      assertEquals(8, a.callRemote(new Restock("pears", 5)).get(15, TimeUnit.SECONDS).count());
      assertEquals(2, ran.get());

      AmpConnection b = bob.connect("127.0.0.1", server.port()).get(15, TimeUnit.SECONDS);
      UnknownRemoteException denied = assertInstanceOf(UnknownRemoteException.class, assertThrows(
          ExecutionException.class, () -> b.callRemote(new Restock("pears", 1)).get(15, TimeUnit.SECONDS)).getCause());
      assertEquals("PERMISSION_DENIED", denied.errorCode());
      assertEquals("8", b.callRemote(new Lookup("pears")).get(15, TimeUnit.SECONDS).value());

      AmpConnection n = nobody.connect("127.0.0.1", server.port()).get(15, TimeUnit.SECONDS);
      UnknownRemoteException unauthenticated = assertInstanceOf(UnknownRemoteException.class, assertThrows(
          ExecutionException.class, () -> n.callRemote(new Ping("x")).get(15, TimeUnit.SECONDS)).getCause());
      assertEquals("UNAUTHENTICATED", unauthenticated.errorCode());
      assertTrue(n.isOpen() && b.isOpen());
      assertEquals(3, ran.get()); // refused calls never reached the executor
    } finally {
      pool.shutdownNow();
    }
  }
}
