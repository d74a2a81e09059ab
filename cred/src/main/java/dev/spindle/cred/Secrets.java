package dev.spindle.cred;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Constant-time comparison, MD5, and safe printing for the credentials of this package. */
final class Secrets {
  private Secrets() {}

  /**
   * Compares {@code presented} with {@code secret} in time that depends only on the length of
   * {@code presented}, which the presenter already knows.
   */
  static boolean equal(byte[] presented, byte[] secret) {
    if (presented == null || secret == null) {
      return false;
    }
    return MessageDigest.isEqual(presented, secret);
  }

  /** The raw 16-byte MD5 digest of the concatenation of {@code parts}. */
  static byte[] md5(byte[]... parts) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    }
    for (byte[] part : parts) {
      md.update(part);
    }
    return md.digest();
  }

  /** A username for {@code toString}: UTF-8 text, with undecodable bytes replaced. */
  static String printable(byte[] username) {
    return new String(username, StandardCharsets.UTF_8);
  }
}
