package dev.spindle.amp.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AmpChallengeCredentialsTest {
  // The inputs of epsilon/test/test_ampauth.py's _AMPUsernamePasswordTests (twisted/epsilon).
  private static final byte[] CHALLENGE = "123xyzabc789".getBytes(US_ASCII);
  private static final byte[] NONCE = "1 2 3 4 5".getBytes(US_ASCII);
  private static final byte[] PASSWORD = "secret".getBytes(US_ASCII);

  /**
   * hashlib.sha1(b'%s %s %s' % (b'123xyzabc789', b'1 2 3 4 5', b'secret')).hexdigest(), as
   * ampauth's _calcResponse computes it, printed by CPython.
   */
  private static final String PYTHON_RESPONSE = "9765200fad670c848bbf2833ce1a5f4fe4ebe8cb";

  @Test
  void responseIsSha1OfChallengeNonceAndPasswordJoinedBySpaces() throws Exception {
    byte[] byHand =
        MessageDigest.getInstance("SHA-1")
            .digest("123xyzabc789 1 2 3 4 5 secret".getBytes(US_ASCII));
    byte[] response = AmpChallengeCredentials.response(CHALLENGE, NONCE, PASSWORD);
    assertArrayEquals(byHand, response);
    assertEquals(PYTHON_RESPONSE, HexFormat.of().formatHex(response));
    assertEquals(AmpChallengeCredentials.RESPONSE_BYTES, response.length);
  }

  @Test
  void responseHashesRawBytesIncludingSpacesAndNonAscii() throws Exception {
    byte[] challenge = {0, (byte) 0xff, ' '};
    byte[] nonce = {(byte) 0x80};
    byte[] password = "pässwörd".getBytes(UTF_8);
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    sha1.update(challenge);
    sha1.update((byte) ' ');
    sha1.update(nonce);
    sha1.update((byte) ' ');
    sha1.update(password);
    assertArrayEquals(sha1.digest(), AmpChallengeCredentials.response(challenge, nonce, password));
  }

  @Test
  void checkPasswordAcceptsOnlyThePasswordTheResponseWasMadeFrom() {
    byte[] response = AmpChallengeCredentials.response(CHALLENGE, NONCE, PASSWORD);
    AmpChallengeCredentials credentials =
        AmpChallengeCredentials.of("alice".getBytes(US_ASCII), CHALLENGE, NONCE, response);
    assertTrue(credentials.checkPassword(PASSWORD));
    assertFalse(credentials.checkPassword("Secret".getBytes(US_ASCII)));
    assertFalse(credentials.checkPassword(new byte[0]));
    assertFalse(credentials.checkPassword(null));
  }

  @Test
  void checkPasswordRefusesAResponseOfAnotherLengthOrForAnotherChallenge() {
    byte[] response = AmpChallengeCredentials.response(CHALLENGE, NONCE, PASSWORD);
    byte[] truncated = Arrays.copyOf(response, 19);
    assertFalse(
        AmpChallengeCredentials.of(new byte[0], CHALLENGE, NONCE, truncated)
            .checkPassword(PASSWORD));
    byte[] otherChallenge = "123xyzabc780".getBytes(US_ASCII);
    assertFalse(
        AmpChallengeCredentials.of(new byte[0], otherChallenge, NONCE, response)
            .checkPassword(PASSWORD));
  }

  @Test
  void ofCopiesTheArraysAndUsernameReturnsACopy() {
    byte[] username = "alice".getBytes(US_ASCII);
    byte[] response = AmpChallengeCredentials.response(CHALLENGE, NONCE, PASSWORD);
    byte[] challenge = CHALLENGE.clone();
    AmpChallengeCredentials credentials =
        AmpChallengeCredentials.of(username, challenge, NONCE, response);
    username[0] = 'X';
    challenge[0] = 'X';
    response[0] ^= 1;
    assertTrue(credentials.checkPassword(PASSWORD));
    assertArrayEquals("alice".getBytes(US_ASCII), credentials.username());
    credentials.username()[0] = 'Y';
    assertArrayEquals("alice".getBytes(US_ASCII), credentials.username());
  }

  @Test
  void toStringShowsTheUsernameButNotTheResponse() {
    byte[] response = AmpChallengeCredentials.response(CHALLENGE, NONCE, PASSWORD);
    String s =
        AmpChallengeCredentials.of("alice".getBytes(US_ASCII), CHALLENGE, NONCE, response)
            .toString();
    assertEquals("AmpChallengeCredentials[username=alice, response=<hidden>]", s);
  }
}
