package dev.spindle.pb.login;

import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.ByteString;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The challenger of one {@code login(username)}: Twisted's {@code _PortalAuthChallenger}, except
 * that the credentials it hands to the portal are a separate object ({@link
 * PbChallenge#credentials}). Holds no secret: the challenge is public.
 */
final class Challenger implements Referenceable {
  private static final byte[] NO_RESPONSE = new byte[0];

  private final PortalLogin wrapper;
  private final byte[] username;
  private final PbChallenge challenge;

  /** {@code username} is owned; null if the client sent neither bytes nor text. */
  Challenger(PortalLogin wrapper, byte[] username, PbChallenge challenge) {
    this.wrapper = wrapper;
    this.username = username;
    this.challenge = challenge;
  }

  /**
   * Logs in with the client's {@code response} to the challenge and its {@code mind}. A response
   * that is not bytes never matches (Twisted compares it with the digest and fails alike).
   */
  public CompletionStage<Object> remote_respond(Object response, Object mind) {
    if (username == null) {
      UnauthorizedLoginException refused = new UnauthorizedLoginException();
      wrapper.refused(refused);
      return CompletableFuture.failedFuture(refused);
    }
    byte[] r = response instanceof ByteString b ? b.toByteArray() : NO_RESPONSE;
    return wrapper.login(challenge.credentials(username, r), mind);
  }

  @Override
  public String toString() {
    return "Challenger{" + challenge + "}";
  }
}
