package dev.spindle.pb.banana;

import java.nio.charset.StandardCharsets;

/**
 * A Banana dialect (Twisted: "dialect", the Banana specification: "profile"). The only difference
 * between the two is the {@link Vocabulary}: under {@link #PB} the encoder sends vocabulary words
 * as {@code VOCAB} indices and the decoder accepts them; under {@link #NONE} neither happens.
 *
 * <p>Twisted equivalent: the byte strings in {@code Banana.knownDialects}, {@code [b"pb",
 * b"none"]}, in that order of preference.
 */
public enum BananaDialect {
  /** The {@code pb} dialect: vocabulary words travel as {@code VOCAB} indices. */
  PB("pb"),
  /** The {@code none} dialect: no vocabulary; also the state before the handshake. */
  NONE("none");

  private final String wireName;
  private final byte[] wireBytes;

  BananaDialect(String wireName) {
    this.wireName = wireName;
    this.wireBytes = wireName.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@return the name sent in the handshake, {@code "pb"} or {@code "none"}} */
  public String wireName() {
    return wireName;
  }

  /** {@return the name as a Banana byte string, as sent in the handshake} */
  public Sexp.Bytes toSexp() {
    return Sexp.bytes(wireBytes);
  }

  /** {@return true if this dialect substitutes and accepts {@code VOCAB} indices} */
  public boolean usesVocabulary() {
    return this == PB;
  }

  /**
   * Returns the dialect whose wire name is exactly {@code name} (case-sensitive), or {@code null}
   * if there is none.
   *
   * @param name the wire name as received, compared byte for byte
   * @return the dialect, or {@code null} if no dialect has that name
   */
  public static BananaDialect forWireName(byte[] name) {
    for (BananaDialect d : values()) {
      if (java.util.Arrays.equals(d.wireBytes, name)) {
        return d;
      }
    }
    return null;
  }

  /**
   * Returns the dialect named by {@code sexp}, which must be a byte string equal to a wire name,
   * or {@code null} otherwise (any other value, or an unknown name).
   *
   * @param sexp a value received in the handshake; may be of any kind
   * @return the dialect, or {@code null} if {@code sexp} names none
   */
  public static BananaDialect forSexp(Sexp sexp) {
    return sexp instanceof Sexp.Bytes b ? forWireName(b.value()) : null;
  }
}
