package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.login.Perspective;
import dev.spindle.testing.LeakChecked;
import dev.spindle.transport.Blocking;
import dev.spindle.transport.BlockingExecutor;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.CallRejectedException;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.ConnectionListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Blocking remote methods on an executor, its bound, interceptors and login events, over TCP. */
@LeakChecked
@Timeout(60)
class BlockingAndInterceptorsPbTest {
  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(15, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> await(f)).getCause();
  }

  /** A root whose {@code slow} blocks until released. */
  public static final class Root implements Referenceable {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch running = new CountDownLatch(2);
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Blocking
    public String remote_slow() throws InterruptedException {
      threads.add(Thread.currentThread().getName());
      running.countDown();
      assertTrue(release.await(15, TimeUnit.SECONDS));
      return "slow";
    }

    public String remote_fast() {
      return "fast";
    }
  }

  @Test
  void blockingMethodsRunOffTheLoopAndOverflowIsAPbErrorWithTheConnectionKept() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "db"));
    Root root = new Root();
    try (PbServer server = PbServer.builder().root(root)
            .blockingExecutor(BlockingExecutor.create(pool, 2)).start();
        PbClient client = PbClient.builder().build()) {
      RemoteReference ref = await(client.getRootObject("127.0.0.1", server.port()));
      CompletableFuture<Object> s1 = ref.callRemote("slow");
      CompletableFuture<Object> s2 = ref.callRemote("slow");
      assertTrue(root.running.await(15, TimeUnit.SECONDS));
      assertEquals("fast", await(ref.callRemote("fast")));
      RemotePbException e = assertInstanceOf(RemotePbException.class, failure(ref.callRemote("slow")));
      assertEquals("twisted.spread.pb.Error", e.typeName());
      assertTrue(e.value().contains("overloaded"), e.value());
      assertFalse(s1.isDone());
      root.release.countDown();
      assertEquals("slow", await(s1));
      assertEquals("slow", await(s2));
      assertEquals("slow", await(ref.callRemote("slow")));
      assertEquals(List.of("db", "db", "db"), root.threads);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void interceptorsSeeCallsAndRejectWithAPbErrorAndListenersHearLogins() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    Realm realm = (id, mind, interfaces) -> CompletableFuture.completedFuture(
        LoginResult.of(Perspective.class, new Avatar()));
    CompletableFuture<ConnectionInfo> loggedIn = new CompletableFuture<>();
    ConnectionListener listener = new ConnectionListener() {
      @Override
      public void loginSucceeded(ConnectionInfo c, String avatarId) {
        loggedIn.complete(c);
      }
    };
    try (PbServer server = PbServer.builder().portal(new Portal(realm, users))
            .connectionListener(listener)
            .intercept((call, next) -> {
              seen.add(call.side() + " " + call.service() + "." + call.method() + call.positional()
                  + " avatar=" + call.connection().avatarId());
              if (call.method().equals("forbidden")) {
                throw new CallRejectedException("not for " + call.connection().avatarId());
              }
              return next.proceed();
            })
            .start();
        PbClient client = PbClient.builder()
            .interceptClientCalls((call, next) -> {
              seen.add(call.side() + " " + call.method() + call.positional());
              return next.proceed();
            })
            .build()) {
      RemoteReference avatar = await(client.login("127.0.0.1", server.port(),
          UsernamePassword.of("alice", "secret"), null));
      assertEquals("alice", await(loggedIn).avatarId());
      assertEquals(3L, await(avatar.callRemote("add", 1, 2)));
      RemotePbException e = assertInstanceOf(RemotePbException.class, failure(avatar.callRemote("forbidden")));
      assertEquals("twisted.spread.pb.Error", e.typeName());
      assertEquals("not for alice", e.value());
      assertEquals(3L, await(avatar.callRemote("add", 1, 2)));
      assertTrue(seen.contains("SERVER Avatar.add[1, 2] avatar=alice"), seen.toString());
      assertTrue(seen.contains("CLIENT add[1, 2]"), seen.toString());
      assertTrue(seen.contains("SERVER Avatar.forbidden[] avatar=alice"), seen.toString());
      assertNull(seen.stream().filter(s -> s.contains("add") && s.contains("avatar=null")).findAny().orElse(null));
    }
  }

  /** The avatar. */
  public static final class Avatar implements Perspective {
    public long perspective_add(long a, long b) {
      return a + b;
    }

    public String perspective_forbidden() {
      return "should not run";
    }
  }

  /** Every method blocking, declared on the class. */
  @Blocking
  public static final class BlockingRoot implements Referenceable {
    public String remote_where() {
      return Thread.currentThread().getName();
    }
  }

  /** Nothing declared: the server declares every call blocking. */
  public static final class PlainRoot implements Referenceable {
    public String remote_where() {
      return Thread.currentThread().getName();
    }
  }

  @Test
  void aClassOrTheWholeServerCanBeDeclaredBlocking() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1, r -> new Thread(r, "db"));
    try (PbServer byClass = PbServer.builder().root(new BlockingRoot())
            .blockingExecutor(BlockingExecutor.create(pool, 4)).start();
        PbServer byServer = PbServer.builder().root(new PlainRoot()).blockingCalls(true)
            .blockingExecutor(BlockingExecutor.create(pool, 4)).start();
        PbServer neither = PbServer.builder().root(new PlainRoot())
            .blockingExecutor(BlockingExecutor.create(pool, 4)).start();
        PbClient client = PbClient.builder().build()) {
      assertEquals("db", await(await(client.getRootObject("127.0.0.1", byClass.port())).callRemote("where")));
      assertEquals("db", await(await(client.getRootObject("127.0.0.1", byServer.port())).callRemote("where")));
      assertFalse("db".equals(await(await(client.getRootObject("127.0.0.1", neither.port())).callRemote("where"))));
    } finally {
      pool.shutdownNow();
    }
  }
}
