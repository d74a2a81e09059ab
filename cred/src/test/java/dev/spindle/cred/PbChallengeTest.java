package dev.spindle.cred;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import org.junit.jupiter.api.Test;

class PbChallengeTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SECRET = "secret".getBytes(StandardCharsets.US_ASCII);

  @Test
  void workedExampleOfCredMd() {
    assertEquals("5ebe2294ecd0e0f08eab7690d2a6ee69", HEX.formatHex(PbChallenge.md5Password(SECRET)));
    PbChallenge challenge = PbChallenge.of(HEX.parseHex("19fc2088cdc809cd38ba4a9eee9cf3ae"));
    assertEquals("94cefb5f1de829ab7ee48b582ebe89b6", HEX.formatHex(challenge.respond(SECRET)));
  }

  /**
   * Session {@code cred-login}: the challenge the Twisted server sent in its answer to {@code
   * login}, and the response the Twisted client sent with {@code respond}.
   */
  @Test
  void credLoginVectorChallengeAndResponse() {
    JsonObject session = PbVectors.session("cred-login");
    byte[] username = null;
    byte[] challenge = null;
    byte[] response = null;
    for (PbVectors.Message m : PbVectors.messages(session)) {
      if (!(m.sexp() instanceof List<?> l)) {
        continue;
      }
      if (m.dir().equals("c2s") && m.kind().equals("message") && l.get(3) instanceof byte[] name) {
        String method = PbVectors.text(name);
        List<?> args = (List<?>) l.get(5);
        if (method.equals("login") && username == null) {
          username = (byte[]) args.get(1);
        } else if (method.equals("respond") && response == null) {
          response = (byte[]) args.get(1);
        }
      } else if (m.dir().equals("s2c") && m.kind().equals("answer") && challenge == null
          && l.get(2) instanceof List<?> tuple && tuple.size() == 3) {
        challenge = (byte[]) tuple.get(1);
      }
    }
    assertNotNull(username);
    assertNotNull(challenge);
    assertNotNull(response);
    assertEquals("alice", PbVectors.text(username));
    assertEquals(PbChallenge.LENGTH, challenge.length);
    assertArrayEquals(HEX.parseHex("19fc2088cdc809cd38ba4a9eee9cf3ae"), challenge);
    assertArrayEquals(HEX.parseHex("94cefb5f1de829ab7ee48b582ebe89b6"), response);
    JsonElement step = session.getAsJsonArray("steps").get(1);
    assertEquals(HEX.formatHex(challenge), step.getAsJsonObject().get("challenge_hex").getAsString());
    assertEquals(HEX.formatHex(response), step.getAsJsonObject().get("response_hex").getAsString());

    // Client side: the Java response equals the Twisted client's.
    assertArrayEquals(response, PbChallenge.of(challenge).respond(SECRET));
    // Server side: the credentials built from the Twisted client's response accept "secret".
    UsernameMD5Password credentials = PbChallenge.of(challenge).credentials(username, response);
    assertTrue(credentials.checkPassword(SECRET));
    assertTrue(credentials.checkMD5Password(PbChallenge.md5Password(SECRET)));
    assertFalse(credentials.checkPassword("wrong".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(username, credentials.username());
  }

  @Test
  void serverCredentialsAreAlsoHashedPasswordCredentials() {
    UsernameMD5Password c = PbChallenge.random().credentials(new byte[] {'a'}, new byte[16]);
    assertTrue(c instanceof UsernameHashedPassword);
    assertFalse(c.checkPassword(null));
    assertFalse(c.checkMD5Password(null));
    assertFalse(c.toString().contains("0000"), c.toString());
  }

  @Test
  void randomChallengesAreSixteenUnpredictableBytes() {
    byte[] a = PbChallenge.random().bytes();
    byte[] b = PbChallenge.random().bytes();
    assertEquals(16, a.length);
    assertFalse(Arrays.equals(a, b));
  }

  @Test
  void challengeIsCopiedInAndOut() {
    byte[] raw = new byte[16];
    PbChallenge c = PbChallenge.of(raw);
    raw[0] = 1;
    assertEquals(0, c.bytes()[0]);
    c.bytes()[1] = 1;
    assertEquals(0, c.bytes()[1]);
  }

  @Test
  void responseMadeFromThePasswordIsAcceptedAndNoOther() {
    // The other password: a random one, or (a quarter of the time) a copy of the password.
    Theories.qt(200)
        .forAll(Gens.bytes(0, 40), Gens.orNull(Gens.bytes(0, 40), 25), Gens.bytes(16, 16))
        .checkAssert(PbChallengeTest::responseMadeFromThePasswordIsAcceptedAndNoOther);
  }

  static void responseMadeFromThePasswordIsAcceptedAndNoOther(
      byte[] password, byte[] otherOrSame, byte[] challengeBytes) {
    byte[] other = otherOrSame == null ? password.clone() : otherOrSame;
    PbChallenge challenge = PbChallenge.of(challengeBytes);
    byte[] response = challenge.respond(password);
    assertArrayEquals(response, challenge.respondToDigest(PbChallenge.md5Password(password)));
    UsernameMD5Password c = challenge.credentials(new byte[] {'u'}, response);
    assertTrue(c.checkPassword(password));
    assertEquals(Arrays.equals(password, other), c.checkPassword(other));
  }
}
