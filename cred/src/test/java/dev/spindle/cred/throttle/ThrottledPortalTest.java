package dev.spindle.cred.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.cred.testing.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ThrottledPortalTest {
  private final ManualScheduler scheduler = new ManualScheduler();

  private ThrottledPortal portal() {
    InMemoryUsernamePasswordDatabase db = new InMemoryUsernamePasswordDatabase();
    db.addUser("alice", "secret");
    Realm realm = (Realm.Synchronous) (id, mind, interfaces) -> LoginResult.of(AvatarId.class, id);
    LoginThrottle throttle =
        LoginThrottle.builder()
            .freeAttempts(1)
            .baseDelay(Duration.ofSeconds(2))
            .scheduler(scheduler)
            .ticker(scheduler::nanoTime)
            .build();
    return new ThrottledPortal(new Portal(realm, db), throttle);
  }

  private static Throwable cause(CompletionStage<?> s) {
    CompletableFuture<?> f = s.toCompletableFuture();
    assertTrue(f.isDone());
    try {
      f.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void repeatedWrongPasswordsAreAnsweredLaterAndTheRightOneAtOnce() {
    ThrottledPortal portal = portal();
    assertInstanceOf(
        UnauthorizedLoginException.class,
        cause(portal.login("peer", UsernamePassword.of("alice", "a"), null, AvatarId.class)));
    CompletionStage<LoginResult<AvatarId>> second =
        portal.login("peer", UsernamePassword.of("alice", "b"), null, AvatarId.class);
    assertFalse(second.toCompletableFuture().isDone());
    assertEquals(List.of(Duration.ofSeconds(2)), scheduler.delays());
    scheduler.advance(Duration.ofSeconds(2));
    assertInstanceOf(UnauthorizedLoginException.class, cause(second));
    CompletionStage<LoginResult<AvatarId>> right =
        portal.login("peer", UsernamePassword.of("alice", "secret"), null, AvatarId.class);
    assertEquals(AvatarId.of("alice"), right.toCompletableFuture().join().avatar());
    assertEquals(0, portal.throttle().failures("peer"));
  }

  @Test
  void listOfInterfacesAndPerAttemptSchedulerVariants() {
    ThrottledPortal portal = portal();
    LoginResult<?> r =
        portal
            .login("peer", UsernamePassword.of("alice", "secret"), null, List.of(AvatarId.class))
            .toCompletableFuture()
            .join();
    assertEquals(AvatarId.class, r.avatarInterface());
    LoginResult<AvatarId> typed =
        portal
            .login("peer", scheduler, UsernamePassword.of("alice", "secret"), null, AvatarId.class)
            .toCompletableFuture()
            .join();
    assertEquals(AvatarId.of("alice"), typed.avatar());
  }
}
