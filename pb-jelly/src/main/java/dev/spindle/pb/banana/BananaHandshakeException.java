package dev.spindle.pb.banana;

/**
 * The dialect handshake failed: the server offered no dialect this client knows, the client chose
 * one this server does not know, or the connection closed first. The connection is closed without
 * sending anything more. Twisted logs and disconnects in the same situations, raising nothing, so
 * {@link #pythonType()} is {@code null}.
 */
public final class BananaHandshakeException extends BananaException {
  private static final long serialVersionUID = 1L;

  BananaHandshakeException(String message) {
    super(message, null);
  }
}
