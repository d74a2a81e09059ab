package dev.spindle.cred.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.cred.UsernameMD5Password;
import dev.spindle.cred.UsernamePassword;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MD5PasswordDatabaseTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private final MD5PasswordDatabase db = new MD5PasswordDatabase();

  {
    db.addUser("alice", "secret");
  }

  @Test
  void handlesPbAndPlainCredentials() {
    assertEquals(List.of(UsernameMD5Password.class, UsernamePassword.class), db.credentialInterfaces());
  }

  @Test
  void checksThePbResponseOfTheCredLoginVector() {
    MD5PasswordDatabase fromDigest = new MD5PasswordDatabase();
    fromDigest.addUserDigest(utf8("alice"), HexFormat.of().parseHex("5ebe2294ecd0e0f08eab7690d2a6ee69"));
    PbChallenge challenge = PbChallenge.of(HexFormat.of().parseHex("19fc2088cdc809cd38ba4a9eee9cf3ae"));
    byte[] response = HexFormat.of().parseHex("94cefb5f1de829ab7ee48b582ebe89b6");
    assertEquals(AvatarId.of("alice"), fromDigest.requestAvatarIdNow(challenge.credentials(utf8("alice"), response)));
  }

  @Test
  void wrongResponseUnknownUserAndWrongPasswordFailAlike() {
    PbChallenge challenge = PbChallenge.random();
    UnauthorizedLoginException a =
        assertThrows(
            UnauthorizedLoginException.class,
            () -> db.requestAvatarIdNow(challenge.credentials(utf8("alice"), challenge.respond(utf8("guess")))));
    UnauthorizedLoginException b =
        assertThrows(
            UnauthorizedLoginException.class,
            () -> db.requestAvatarIdNow(challenge.credentials(utf8("bob"), challenge.respond(utf8("secret")))));
    UnauthorizedLoginException c =
        assertThrows(
            UnauthorizedLoginException.class, () -> db.requestAvatarIdNow(UsernamePassword.of("alice", "guess")));
    assertEquals(a.getMessage(), b.getMessage());
    assertEquals(a.getMessage(), c.getMessage());
  }

  @Test
  void plainPasswordIsCheckedAgainstTheDigest() {
    assertEquals(AvatarId.of("alice"), db.requestAvatarIdNow(UsernamePassword.of("alice", "secret")));
  }

  @Test
  void digestMustBeSixteenBytes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> db.addUserDigest(utf8("x"), new byte[15]));
    assertEquals("md5Password: 15 bytes (expected: 16)", e.getMessage());
  }

  @Test
  void otherCredentialsAreUnhandled() {
    assertThrows(UnhandledCredentialsException.class, () -> db.requestAvatarIdNow(Anonymous.INSTANCE));
  }
}
