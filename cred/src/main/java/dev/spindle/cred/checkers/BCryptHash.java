package dev.spindle.cred.checkers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A parsed bcrypt hash in the modular crypt format {@code $2y$12$<22 salt chars><31 hash chars>},
 * verified with Bouncy Castle's {@link OpenBSDBCrypt} and compared in constant time. Immutable.
 */
final class BCryptHash {
  static final int MIN_COST = 4;
  static final int MAX_COST = 31;
  /** bcrypt uses only the first 72 bytes of a password. */
  static final int MAX_PASSWORD_BYTES = 72;
  /** The rule every hash must follow, for error messages. */
  static final String RULE =
      "$2a$, $2b$ or $2y$, a two-digit cost from 04 to 31, '$', then 53 characters of ./A-Za-z0-9";

  private static final Pattern SHAPE = Pattern.compile("\\$(2[aby])\\$([0-9]{2})\\$([./A-Za-z0-9]{53})");
  private static final String ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  /** "$2y$12$" plus 22 salt characters. */
  private static final int HASH_START = 29;
  private static final int SALT_BYTES = 16;
  private static final String GENERATED_VERSION = "2y";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String text;
  private final String version;
  private final int cost;
  private final byte[] salt;
  private final byte[] hashChars;

  private BCryptHash(String text, String version, int cost, byte[] salt, byte[] hashChars) {
    this.text = text;
    this.version = version;
    this.cost = cost;
    this.salt = salt;
    this.hashChars = hashChars;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it is not a bcrypt hash; the message does not repeat it
   */
  static BCryptHash parse(String text) {
    Matcher m = SHAPE.matcher(text);
    int cost = m.matches() ? Integer.parseInt(m.group(2)) : -1;
    if (cost < MIN_COST || cost > MAX_COST) {
      throw new IllegalArgumentException("not a bcrypt hash (expected: " + RULE + ")");
    }
    String rest = m.group(3);
    return new BCryptHash(
        text,
        m.group(1),
        cost,
        decodeSalt(rest.substring(0, 22)),
        text.substring(HASH_START).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Hashes {@code password} with a fresh random salt at {@code cost}, as {@code $2y$}.
   *
   * @throws IllegalArgumentException if the cost is out of range or the password longer than 72 bytes
   */
  static String generate(byte[] password, int cost) {
    checkCost(cost);
    if (password.length > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException(
          "password: " + password.length + " bytes (expected: at most " + MAX_PASSWORD_BYTES
              + ", bcrypt ignores the rest)");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate(GENERATED_VERSION, password.clone(), salt, cost);
  }

  static void checkCost(int cost) {
    if (cost < MIN_COST || cost > MAX_COST) {
      throw new IllegalArgumentException(
          "cost: " + cost + " (expected: " + MIN_COST + " to " + MAX_COST + ")");
    }
  }

  /** The hash as written: {@code $2y$12$...}. */
  String text() {
    return text;
  }

  /** The cost (log2 of the rounds). */
  int cost() {
    return cost;
  }

  /**
   * True if {@code password} hashes to this hash. Takes the time of one bcrypt at this cost,
   * whatever the answer; bytes beyond the 72nd are ignored, as by every bcrypt.
   */
  boolean verify(byte[] password) {
    String again = OpenBSDBCrypt.generate(version, password.clone(), salt, cost);
    byte[] computed = again.substring(HASH_START).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(computed, hashChars);
  }

  /** Decodes bcrypt's base64 (its own alphabet, no padding) salt: 22 characters to 16 bytes. */
  private static byte[] decodeSalt(String chars) {
    byte[] out = new byte[SALT_BYTES];
    int acc = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < chars.length(); i++) {
      acc = (acc << 6) | ALPHABET.indexOf(chars.charAt(i));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        if (n < SALT_BYTES) {
          out[n++] = (byte) (acc >> bits);
        }
        acc &= (1 << bits) - 1;
      }
    }
    return out;
  }
}
