package dev.spindle.cred.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.cred.UsernameHashedPassword;
import dev.spindle.cred.UsernamePassword;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryUsernamePasswordDatabaseTest {
  private final InMemoryUsernamePasswordDatabase db = new InMemoryUsernamePasswordDatabase();

  @BeforeEach
  void addUsers() {
    db.addUser("user1", "password1");
    db.addUser("user2".getBytes(StandardCharsets.UTF_8), "password2".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Hashed-password credentials that count how often they are checked. */
  record Counting(byte[] username, byte[] password, AtomicInteger checks) implements UsernameHashedPassword {
    @Override
    public boolean checkPassword(byte[] plaintextPassword) {
      checks.incrementAndGet();
      return java.security.MessageDigest.isEqual(password, plaintextPassword);
    }
  }

  @Test
  void handlesUsernamePasswordAndHashedPasswords() {
    assertEquals(List.of(UsernamePassword.class, UsernameHashedPassword.class), db.credentialInterfaces());
  }

  @Test
  void rightPasswordGivesTheUsername() {
    assertEquals(AvatarId.of("user1"), db.requestAvatarIdNow(UsernamePassword.of("user1", "password1")));
    assertEquals(AvatarId.of("user2"), db.requestAvatarIdNow(UsernamePassword.of("user2", "password2")));
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlike() {
    UnauthorizedLoginException wrong =
        assertThrows(
            UnauthorizedLoginException.class,
            () -> db.requestAvatarIdNow(UsernamePassword.of("user1", "password2")));
    UnauthorizedLoginException unknown =
        assertThrows(
            UnauthorizedLoginException.class,
            () -> db.requestAvatarIdNow(UsernamePassword.of("bloof", "blarf")));
    assertSame(wrong.getClass(), unknown.getClass());
    assertEquals(wrong.getMessage(), unknown.getMessage());
    assertEquals(wrong.twistedValue(), unknown.twistedValue());
  }

  @Test
  void unknownUsersCredentialsAreStillChecked() {
    AtomicInteger checks = new AtomicInteger();
    assertThrows(
        UnauthorizedLoginException.class,
        () -> db.requestAvatarIdNow(new Counting(utf8("nobody"), utf8("x"), checks)));
    assertEquals(1, checks.get());
    assertEquals(AvatarId.of("user1"), db.requestAvatarIdNow(new Counting(utf8("user1"), utf8("password1"), checks)));
    assertEquals(2, checks.get());
  }

  @Test
  void pbChallengeResponseIsChecked() {
    PbChallenge challenge = PbChallenge.random();
    assertEquals(
        AvatarId.of("user1"),
        db.requestAvatarIdNow(challenge.credentials(utf8("user1"), challenge.respond(utf8("password1")))));
    assertThrows(
        UnauthorizedLoginException.class,
        () -> db.requestAvatarIdNow(challenge.credentials(utf8("user1"), challenge.respond(utf8("nope")))));
    assertThrows(
        UnauthorizedLoginException.class,
        () -> db.requestAvatarIdNow(challenge.credentials(utf8("nobody"), challenge.respond(utf8("password1")))));
  }

  @Test
  void usernamesAreCaseSensitive() {
    assertThrows(
        UnauthorizedLoginException.class, () -> db.requestAvatarIdNow(UsernamePassword.of("USER1", "password1")));
  }

  @Test
  void addUserReplacesAndRemoveUserForgets() {
    db.addUser("user1", "new");
    assertEquals(AvatarId.of("user1"), db.requestAvatarIdNow(UsernamePassword.of("user1", "new")));
    assertTrue(db.removeUser(utf8("user1")));
    assertThrows(
        UnauthorizedLoginException.class, () -> db.requestAvatarIdNow(UsernamePassword.of("user1", "new")));
  }

  @Test
  void otherCredentialsAreUnhandled() {
    assertThrows(UnhandledCredentialsException.class, () -> db.requestAvatarIdNow(Anonymous.INSTANCE));
  }
}
