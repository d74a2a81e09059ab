package dev.spindle.pb.broker;

/**
 * Makes the object the application receives for {@code ["remote", luid]}: the public {@code
 * RemoteReference}, which lives above the broker. Called on the event loop while unjellying; it
 * may register {@link Broker#onUnjellyFailure} to release the reference if the rest of the message
 * fails to unjelly.
 */
@FunctionalInterface
public interface ReferenceFactory {
  /**
   * Returns a counted reference to the peer's object {@code luid} (a {@code Long}, or a {@code
   * String} name) as seen by {@code perspective}.
   */
  Object create(Broker broker, Object luid, Object perspective);
}
