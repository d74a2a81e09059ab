package dev.spindle.amp.box;

import java.nio.charset.StandardCharsets;

/**
 * Reserved AMP key names, error codes and protocol limits, as Twisted's {@code twisted.protocols.amp}
 * defines them ({@code ASK}, {@code ANSWER}, {@code MAX_KEY_LENGTH}, ...).
 */
public final class AmpKeys {
  /** Request tag of a command that wants an answer. */
  public static final String ASK = "_ask";
  /** Tag of the command an answer box answers. */
  public static final String ANSWER = "_answer";
  /** Name of the command in a command box. */
  public static final String COMMAND = "_command";
  /** Tag of the command an error box answers. */
  public static final String ERROR = "_error";
  /** Error code of an error box. */
  public static final String ERROR_CODE = "_error_code";
  /** Human-readable UTF-8 description of an error box. */
  public static final String ERROR_DESCRIPTION = "_error_description";

  /** Error code for an undeclared exception in a responder; the responder closes the connection. */
  public static final String UNKNOWN_ERROR_CODE = "UNKNOWN";
  /** Error code for a command the peer has no responder for. */
  public static final String UNHANDLED_ERROR_CODE = "UNHANDLED";
  /** Description Twisted sends with {@link #UNKNOWN_ERROR_CODE}. */
  public static final String UNKNOWN_ERROR_DESCRIPTION = "Unknown Error";

  /** Longest key, in bytes ({@code MAX_KEY_LENGTH = 0xff} in Twisted). */
  public static final int MAX_KEY_LENGTH = 0xff;
  /** Longest value, in bytes ({@code MAX_VALUE_LENGTH = 0xffff} in Twisted). */
  public static final int MAX_VALUE_LENGTH = 0xffff;

  static final byte[] ASK_BYTES = ascii(ASK);
  static final byte[] ANSWER_BYTES = ascii(ANSWER);
  static final byte[] COMMAND_BYTES = ascii(COMMAND);
  static final byte[] ERROR_BYTES = ascii(ERROR);
  static final byte[] ERROR_CODE_BYTES = ascii(ERROR_CODE);
  static final byte[] ERROR_DESCRIPTION_BYTES = ascii(ERROR_DESCRIPTION);

  private AmpKeys() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
