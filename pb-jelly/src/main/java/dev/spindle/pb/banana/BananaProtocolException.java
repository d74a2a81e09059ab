package dev.spindle.pb.banana;

/**
 * The peer sent bytes that are not valid Banana, or that exceed this side's {@link BananaLimits}.
 * The decoder that raised it discards all further input; the connection should be closed, as
 * Twisted drops it. Netty delivers it wrapped in a {@link io.netty.handler.codec.DecoderException}.
 *
 * <p>Where Twisted rejects the same bytes, the message is Twisted's text (for example {@code
 * "Security precaution: List too long."}) and {@link #pythonType()} names the exception Twisted
 * raises: {@link #BANANA_ERROR}, {@link #NOT_IMPLEMENTED_ERROR} (bad type byte, {@code VOCAB}
 * outside the {@code pb} dialect) or {@link #KEY_ERROR} (unknown {@code VOCAB} index, the message
 * being the index). Limits that Twisted does not have (nesting depth, expression size) also
 * report {@link #BANANA_ERROR}.
 */
public final class BananaProtocolException extends BananaException {
  private static final long serialVersionUID = 1L;

  BananaProtocolException(String message, String pythonType) {
    super(message, pythonType);
  }

  static BananaProtocolException prefixNoTypeByte(int prefixLimit) {
    return new BananaProtocolException(
        "Security precaution: more than " + prefixLimit + " bytes of prefix", BANANA_ERROR);
  }

  static BananaProtocolException prefixTooLong(int prefixLimit) {
    return new BananaProtocolException(
        "Security precaution: longer than " + prefixLimit + " bytes worth of prefix", BANANA_ERROR);
  }

  static BananaProtocolException listTooLong() {
    return new BananaProtocolException("Security precaution: List too long.", BANANA_ERROR);
  }

  static BananaProtocolException stringTooLong() {
    return new BananaProtocolException("Security precaution: String too long.", BANANA_ERROR);
  }

  static BananaProtocolException tooDeep(int maxDepth) {
    return new BananaProtocolException(
        "Security precaution: list nesting too deep (expected: <= " + maxDepth + ")", BANANA_ERROR);
  }

  static BananaProtocolException expressionTooLong(long length, long max) {
    return new BananaProtocolException(
        "Security precaution: expression too large: at least " + length + " bytes of heap"
            + " (expected: <= " + max + ")",
        BANANA_ERROR);
  }

  static BananaProtocolException unknownVocab(String index) {
    return new BananaProtocolException(index, KEY_ERROR);
  }

  static BananaProtocolException vocabOutsidePb(int index) {
    return new BananaProtocolException(
        "Invalid item for pb protocol b'" + Vocabulary.word(index) + "'", NOT_IMPLEMENTED_ERROR);
  }

  static BananaProtocolException invalidTypeByte(int typeByte) {
    // Not String.format: its parser costs ~100 KB per call, on a path any peer can trigger.
    int b = typeByte & 0xff;
    return new BananaProtocolException(
        "Invalid Type Byte b'\\x" + Character.forDigit(b >>> 4, 16) + Character.forDigit(b & 15, 16)
            + "'",
        NOT_IMPLEMENTED_ERROR);
  }
}
