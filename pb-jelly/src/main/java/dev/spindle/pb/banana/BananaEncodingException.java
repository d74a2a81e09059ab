package dev.spindle.pb.banana;

/**
 * A value cannot be sent: a byte string or list over the size limit, an integer beyond {@code
 * ±(2**448 - 1)}, a list nested too deep, a {@code null}. Raised before anything is written, so
 * the connection stays usable. Where Twisted refuses the same value the message is Twisted's text
 * and {@link #pythonType()} is {@link #BANANA_ERROR}.
 *
 * <p>Twisted equivalent: the {@code BananaError} raised by {@code Banana._encode}.
 */
public final class BananaEncodingException extends BananaException {
  private static final long serialVersionUID = 1L;

  BananaEncodingException(String message) {
    super(message, BANANA_ERROR);
  }

  static BananaEncodingException intTooLarge(Object value) {
    return new BananaEncodingException("int is too large to send (" + value + ")");
  }

  static BananaEncodingException bytesTooLong(int length) {
    return new BananaEncodingException("byte string is too long to send (" + length + ")");
  }

  static BananaEncodingException listTooLong(int size) {
    return new BananaEncodingException("list/tuple is too long to send (" + size + ")");
  }

  static BananaEncodingException tooDeep(int depth, int maxDepth) {
    return new BananaEncodingException(
        "list nesting is too deep to send (depth: " + depth + ", expected: <= " + maxDepth + ")");
  }

  static BananaEncodingException expressionTooLong(long length, long max) {
    return new BananaEncodingException(
        "expression is too large to send (at least " + length + " bytes of the receiver's heap,"
            + " expected: <= " + max + ")");
  }

  static BananaEncodingException nullItem() {
    return new BananaEncodingException(
        "Banana cannot send null (expected: Int, BigInt, Float, Bytes or SList)");
  }
}
