package dev.spindle.pb.jelly;

/**
 * A malformed copy state where Twisted fails with {@code AttributeError}: a copy registered with a
 * dictionary state received, through a broker, a value that is not a dictionary (Twisted's {@code
 * RemoteCopy.setCopyableState} calls {@code state.items()}). A failure sent for it has {@code
 * builtins.AttributeError} among its parents (and not {@code ValueError}). Outside a broker,
 * plain jelly refuses the same state with Python's {@code TypeError}, as Twisted does.
 */
public class JellyAttributeException extends MalformedJellyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message the detail message, naming the state received
   */
  public JellyAttributeException(String message) {
    super(message);
  }
}
