package dev.spindle.cred;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  @Test
  void usernamePasswordFromStringsIsUtf8() {
    UsernamePassword up = UsernamePassword.of("zoë", "pässword");
    assertArrayEquals("zoë".getBytes(StandardCharsets.UTF_8), up.username());
    assertArrayEquals("pässword".getBytes(StandardCharsets.UTF_8), up.password());
    assertTrue(up.checkPassword("pässword".getBytes(StandardCharsets.UTF_8)));
    assertFalse(up.checkPassword("pässwor".getBytes(StandardCharsets.UTF_8)));
    assertFalse(up.checkPassword(null));
  }

  @Test
  void usernamePasswordCopiesItsArrays() {
    byte[] user = {'a'};
    byte[] pass = {'p'};
    UsernamePassword up = UsernamePassword.of(user, pass);
    user[0] = 'b';
    pass[0] = 'q';
    up.password()[0] = 'r';
    assertArrayEquals(new byte[] {'a'}, up.username());
    assertArrayEquals(new byte[] {'p'}, up.password());
  }

  @Test
  void toStringNeverShowsThePassword() {
    String s = UsernamePassword.of("alice", "hunter2").toString();
    assertTrue(s.contains("alice"), s);
    assertFalse(s.contains("hunter2"), s);
  }

  @Test
  void anonymousIsDistinctFromEveryUsername() {
    assertTrue(AvatarId.ANONYMOUS.isAnonymous());
    assertFalse(AvatarId.of(new byte[0]).isAnonymous());
    assertNotEquals(AvatarId.ANONYMOUS, AvatarId.of(new byte[0]));
    assertThrows(IllegalStateException.class, AvatarId.ANONYMOUS::username);
  }

  @Test
  void avatarIdsAreEqualByBytes() {
    assertEquals(AvatarId.of("alice"), AvatarId.of("alice".getBytes(StandardCharsets.UTF_8)));
    assertEquals(AvatarId.of("alice").hashCode(), AvatarId.of("alice").hashCode());
    assertNotEquals(AvatarId.of("alice"), AvatarId.of("Alice"));
    assertEquals("alice", AvatarId.of("alice").usernameAsString());
    assertEquals("AvatarId[ANONYMOUS]", AvatarId.ANONYMOUS.toString());
  }
}
