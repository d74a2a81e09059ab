package dev.spindle.pb;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The client side of PB login, as Twisted's {@code PBClientFactory.login}: {@code
 * root.login(username)}, then {@code challenger.respond(MD5(MD5(password) || challenge), mind)}
 * and a {@code decref} of the challenger; or {@code root.loginAnonymous(mind)}.
 */
final class ClientLogin {
  private ClientLogin() {}

  static CompletableFuture<RemoteReference> login(PbConnection connection, Credentials credentials, Object mind) {
    Objects.requireNonNull(credentials, "credentials");
    CompletableFuture<RemoteReference> avatar = new CompletableFuture<>();
    if (credentials instanceof Anonymous) {
      connection.getRootObject().whenComplete((root, e) -> {
        if (e != null) {
          avatar.completeExceptionally(unwrap(e));
        } else {
          forward(root.callRemote(RemoteReference.class, "loginAnonymous", mind), avatar);
        }
      });
      return avatar;
    }
    if (!(credentials instanceof UsernamePassword up)) {
      avatar.completeExceptionally(new IllegalArgumentException("credentials: "
          + credentials.getClass().getName() + " (expected: UsernamePassword or Anonymous)"));
      return avatar;
    }
    byte[] username = up.username();
    byte[] password = up.password();
    avatar.whenComplete((r, e) -> Arrays.fill(password, (byte) 0));
    connection.getRootObject().whenComplete((root, e) -> {
      if (e != null) {
        avatar.completeExceptionally(unwrap(e));
        return;
      }
      // The username goes as bytes, as Twisted's UsernamePassword(b"alice", ...) sends it.
      root.callRemote("login", (Object) username).whenComplete((answer, failure) -> {
        if (failure != null) {
          avatar.completeExceptionally(unwrap(failure));
        } else {
          respond(answer, password, mind, avatar);
        }
      });
    });
    return avatar;
  }

  /** Answers {@code (challenge, challenger)}; runs on the event loop, where the answer arrived. */
  private static void respond(Object answer, byte[] password, Object mind,
      CompletableFuture<RemoteReference> avatar) {
    List<?> items = answer instanceof Tuple t ? t.asList() : answer instanceof List<?> l ? l : List.of();
    if (items.size() != 2 || !(items.get(0) instanceof ByteString challenge)
        || !(items.get(1) instanceof RemoteReference challenger)) {
      for (Object item : items) {
        if (item instanceof RemoteReference r) {
          r.release();
        }
      }
      avatar.completeExceptionally(new PbArgumentException("answer to login: " + answer
          + " (expected: a (challenge bytes, challenger reference) tuple)"));
      return;
    }
    byte[] response = PbChallenge.of(challenge.toByteArray()).respond(password);
    Arrays.fill(password, (byte) 0);
    CompletableFuture<RemoteReference> responded =
        challenger.callRemote(RemoteReference.class, "respond", response, mind);
    challenger.release(); // Twisted's challenger reference dies here: decref right after respond
    forward(responded, avatar);
  }

  private static void forward(CompletableFuture<RemoteReference> from, CompletableFuture<RemoteReference> to) {
    from.whenComplete((r, e) -> {
      if (e != null) {
        to.completeExceptionally(unwrap(e));
      } else if (r == null) {
        to.completeExceptionally(new PbArgumentException(
            "avatar: None (expected: a reference to the avatar)"));
      } else {
        to.complete(r);
      }
    });
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
