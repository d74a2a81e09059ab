package dev.spindle.cred.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.cred.UsernamePassword;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowAnonymousAccessTest {
  private final AllowAnonymousAccess checker = new AllowAnonymousAccess();

  @Test
  void grantsAnonymousTheAnonymousAvatarId() {
    assertSame(AvatarId.ANONYMOUS, checker.requestAvatarIdNow(Anonymous.INSTANCE));
    assertSame(AvatarId.ANONYMOUS, checker.requestAvatarId(Anonymous.INSTANCE).toCompletableFuture().join());
    assertEquals(List.of(Anonymous.class), checker.credentialInterfaces());
  }

  @Test
  void refusesOtherCredentials() {
    assertThrows(
        UnhandledCredentialsException.class,
        () -> checker.requestAvatarIdNow(UsernamePassword.of("a", "b")));
  }
}
