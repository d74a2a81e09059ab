package dev.spindle.pb.login;

import dev.spindle.cred.LoginResult;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Broker;
import dev.spindle.pb.broker.Kind;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.JellyException;
import dev.spindle.pb.jelly.Jellyable;

/**
 * What a successful login answers: the avatar, sent as {@code ["remote", luid]} with the realm's
 * logout attached to its entry. Twisted: {@code AsReferenceable(avatar, "perspective")} with the
 * {@code maybeLogout} of {@code _JellyableAvatarMixin._cbLogin}.
 *
 * <p>Each instance is one login: a plain avatar is exported under this object's identity, so two
 * logins get two luids even for one shared avatar, each with its own logout, as in Twisted. An
 * avatar that is a {@link Referenceable} is exported as itself. Jellied on the event loop, once.
 */
final class AvatarReference implements Jellyable {
  private final LoginResult<Perspective> result;
  private final Runnable onDisconnect;

  AvatarReference(LoginResult<Perspective> result) {
    this.result = result;
    this.onDisconnect = result::logout;
  }

  /** The logout to run if the connection is lost; registered before the answer is sent. */
  Runnable onDisconnect() {
    return onDisconnect;
  }

  @Override
  public Sexp jellyFor(Jellier jellier) {
    if (!(jellier.invoker() instanceof Broker broker)) {
      JellyException e = new JellyException(
          "an avatar can only be sent by the PB connection that logged it in");
      try {
        result.logout();
      } catch (RuntimeException x) {
        e.addSuppressed(x);
      }
      throw e;
    }
    Object avatar = result.avatar();
    Runnable logout = () -> {
      broker.dontNotifyOnDisconnect(onDisconnect);
      result.logout();
    };
    try {
      if (avatar instanceof Referenceable) {
        return broker.jellyExported(null, avatar, Kind.REMOTE, null, logout);
      }
      return broker.jellyExported(this, avatar, Kind.PERSPECTIVE, avatar, logout);
    } catch (RuntimeException e) {
      try {
        logout.run(); // nothing was registered: nobody will ever use the avatar
      } catch (RuntimeException x) {
        e.addSuppressed(x);
      }
      throw e;
    }
  }

  /** False: sent once. */
  @Override
  public boolean tracksIdentity(Jellier jellier) {
    return false;
  }

  @Override
  public String toString() {
    return "AvatarReference{" + result + "}";
  }
}
