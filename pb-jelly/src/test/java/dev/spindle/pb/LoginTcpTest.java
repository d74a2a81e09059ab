package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.cred.testing.ManualScheduler;
import dev.spindle.cred.throttle.LoginThrottle;
import dev.spindle.cred.throttle.ThrottledPortal;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.login.Perspective;
import dev.spindle.testing.LeakChecked;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PB login between Java endpoints over real TCP on 127.0.0.1: threads, throttling, PbClient.login. */
@LeakChecked
@Timeout(60)
class LoginTcpTest {
  private static EventLoopGroup group;

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> await(f)).getCause();
  }

  private static InMemoryUsernamePasswordDatabase users() {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    return users;
  }

  /** An avatar that says which thread runs its methods. */
  public static final class ThreadAvatar implements Perspective {
    final AvatarId id;

    ThreadAvatar(AvatarId id) {
      this.id = id;
    }

    public List<Object> perspective_whoami() {
      return List.of(ByteString.of(id.username()), Thread.currentThread().getName());
    }
  }

  @Test
  void aRealmAnsweringOnAnotherThreadLogsInAndLogsOutOnRelease() throws Exception {
    ExecutorService database = Executors.newSingleThreadExecutor(r -> new Thread(r, "database"));
    CompletableFuture<String> loggedOut = new CompletableFuture<>();
    Realm realm = (id, mind, interfaces) -> CompletableFuture.supplyAsync(() -> LoginResult.of(
        Perspective.class, new ThreadAvatar(id),
        () -> loggedOut.complete(Thread.currentThread().getName())), database);
    try (PbServer server = PbServer.builder().portal(new Portal(realm, users())).eventLoopGroup(group).start();
        PbClient client = PbClient.builder().eventLoopGroup(group).build()) {
      RemoteReference avatar = await(client.login("127.0.0.1", server.port(),
          UsernamePassword.of("alice", "secret"), null));
      List<?> who = (List<?>) await(avatar.callRemote("whoami"));
      assertEquals(ByteString.ascii("alice"), who.get(0));
      assertFalse(who.get(1).equals("database"), "avatar methods run on the event loop, not " + who.get(1));
      assertFalse(loggedOut.isDone());
      avatar.release();
      String thread = await(loggedOut);
      assertFalse(thread.equals("database"), "the logout ran on the event loop: " + thread);
    } finally {
      database.shutdownNow();
    }
  }

  @Test
  void aFailedPbClientLoginClosesItsConnection() throws Exception {
    CompletableFuture<PbConnection> accepted = new CompletableFuture<>();
    try (PbServer server = PbServer.builder().portal(new Portal(new LoginGoldens.GoldenRealm(), users()))
            .eventLoopGroup(group).onConnection(accepted::complete).start();
        PbClient client = PbClient.builder().eventLoopGroup(group).build()) {
      RemotePbException e = assertInstanceOf(RemotePbException.class, failure(client.login("127.0.0.1",
          server.port(), UsernamePassword.of("alice", "wrong"), null)));
      assertTrue(e.check("twisted.cred.error.UnauthorizedLogin"));
      await(accepted.thenCompose(c -> c.closeFuture()).toCompletableFuture());
    }
  }

  @Test
  void aThrottledPortalAnswersRepeatedFailuresFromOneAddressLater() throws Exception {
    ManualScheduler scheduler = new ManualScheduler();
    LoginThrottle throttle = LoginThrottle.builder()
        .freeAttempts(1)
        .baseDelay(Duration.ofSeconds(2))
        .scheduler(scheduler)
        .ticker(scheduler::nanoTime)
        .build();
    ThrottledPortal portal = new ThrottledPortal(new Portal(new LoginGoldens.GoldenRealm(), users()), throttle);
    try (throttle;
        PbServer server = PbServer.builder().portal(portal).eventLoopGroup(group).start();
        PbClient client = PbClient.builder().eventLoopGroup(group).build()) {
      PbConnection c = await(client.connect("127.0.0.1", server.port()));
      assertInstanceOf(RemotePbException.class, failure(c.login(UsernamePassword.of("alice", "wrong"), null)));
      assertEquals(List.of(), scheduler.delays(), "the first failure is free");

      CompletableFuture<RemoteReference> second = c.login(UsernamePassword.of("alice", "wrong"), null);
      assertTrue(scheduler.awaitScheduled(1, Duration.ofSeconds(20)));
      assertEquals(List.of(Duration.ofSeconds(2)), scheduler.delays());
      assertEquals(2, throttle.failures("127.0.0.1"), "keyed by the client's IP address");
      assertFalse(second.isDone(), "the answer waits for the throttle's delay");
      scheduler.advance(Duration.ofSeconds(2));
      RemotePbException e = assertInstanceOf(RemotePbException.class, failure(second));
      assertTrue(e.check("twisted.cred.error.UnauthorizedLogin"));

      RemoteReference avatar = await(c.login(UsernamePassword.of("alice", "secret"), null));
      assertEquals(ByteString.ascii("alice"), await(avatar.callRemote("whoami")));
      assertEquals(0, throttle.failures("127.0.0.1"), "a success forgets the address");
      assertEquals(1, scheduler.delays().size(), "the right password was not delayed");
    }
  }
}
