package dev.spindle.cred;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Where a protocol logs a client in: finds the checker for the credentials presented, asks it for
 * the {@link AvatarId}, and asks the {@link Realm} for the avatar.
 *
 * <p>Checkers are kept in an ordered map from credential interface to checker. {@link #login}
 * walks it in registration order and uses the checker of the <em>first</em> interface the
 * credentials implement. Registering a checker for an interface already present replaces the
 * checker and keeps the interface's place in the order.
 *
 * <pre>{@code
 * InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
 * users.addUser("alice", "secret");
 * Portal portal = new Portal(realm, users, new AllowAnonymousAccess());
 * portal.login(UsernamePassword.of("alice", "secret"), null, Perspective.class)
 *     .thenAccept(result -> use(result.avatar()));     // later: result.logout()
 * }</pre>
 *
 * <p>Outcomes of {@link #login}: the realm's {@link LoginResult}; {@link
 * UnhandledCredentialsException} if no registered interface matches; whatever the checker failed
 * with, normally {@link UnauthorizedLoginException}; whatever the realm failed with, normally
 * {@link LoginDeniedException}. Failures are delivered unwrapped (never as a {@link
 * CompletionException}). The stage completes on the thread that completes the checker's or the
 * realm's stage, which is the calling thread when both answer synchronously.
 *
 * <p>Thread-safe: checkers may be registered while logins run. Twisted equivalent: {@code
 * twisted.cred.portal.Portal}. To slow down password guessing, wrap it in a {@link
 * dev.spindle.cred.throttle.ThrottledPortal}.
 */
public final class Portal {
  private final Realm realm;
  private final Object lock = new Object();

  /** Immutable snapshot, replaced on registration; read without locking. */
  private volatile Map<Class<? extends Credentials>, CredentialsChecker> checkers = Map.of();

  /**
   * Creates a portal to {@code realm}, registering each of {@code checkers} under its {@link
   * CredentialsChecker#credentialInterfaces()}, in order.
   *
   * @param realm the realm that makes the avatars; not null
   * @param checkers the checkers, registered in this order; may be none
   * @throws IllegalArgumentException if a checker lists no credential interfaces
   */
  public Portal(Realm realm, CredentialsChecker... checkers) {
    this(realm, Arrays.asList(checkers));
  }

  /**
   * Creates a portal to {@code realm} with {@code checkers}; see {@link #Portal(Realm,
   * CredentialsChecker...)}.
   *
   * @param realm the realm that makes the avatars; not null
   * @param checkers the checkers, registered in the list's order; may be empty
   * @throws IllegalArgumentException if a checker lists no credential interfaces
   */
  public Portal(Realm realm, List<? extends CredentialsChecker> checkers) {
    this.realm = Objects.requireNonNull(realm, "realm");
    for (CredentialsChecker checker : checkers) {
      registerChecker(checker);
    }
  }

  /**
   * The realm this portal logs in to.
   *
   * @return the realm given at construction
   */
  public Realm realm() {
    return realm;
  }

  /**
   * Registers {@code checker} for {@code credentialInterfaces}, or for its {@link
   * CredentialsChecker#credentialInterfaces()} if none are given. A later registration for the same
   * interface replaces the earlier checker; the interface keeps its place in the order.
   *
   * @param checker the checker to register; not null
   * @param credentialInterfaces the kinds of credentials it is to check; none: those it lists
   *     itself
   * @throws IllegalArgumentException if there are no interfaces at all
   */
  @SafeVarargs
  public final void registerChecker(
      CredentialsChecker checker, Class<? extends Credentials>... credentialInterfaces) {
    Objects.requireNonNull(checker, "checker");
    List<Class<? extends Credentials>> interfaces = new ArrayList<>();
    for (Class<? extends Credentials> i : credentialInterfaces) {
      interfaces.add(i);
    }
    if (interfaces.isEmpty() && checker.credentialInterfaces() != null) {
      interfaces.addAll(checker.credentialInterfaces());
    }
    if (interfaces.isEmpty()) {
      throw new IllegalArgumentException(
          "credentialInterfaces of " + checker.getClass().getName()
              + ": empty (expected: at least one interface)");
    }
    for (Class<? extends Credentials> i : interfaces) {
      Objects.requireNonNull(i, "credential interface");
    }
    synchronized (lock) {
      Map<Class<? extends Credentials>, CredentialsChecker> next = new LinkedHashMap<>(checkers);
      for (Class<? extends Credentials> i : interfaces) {
        next.put(i, checker);
      }
      checkers = Collections.unmodifiableMap(next);
    }
  }

  /**
   * The registered credential interfaces, in registration order.
   *
   * @return an immutable snapshot of the interfaces; empty if no checker is registered
   */
  public List<Class<? extends Credentials>> listCredentialsInterfaces() {
    return List.copyOf(checkers.keySet());
  }

  /**
   * Logs {@code credentials} in, asking the realm for an avatar implementing {@code
   * avatarInterface}. See the class description for the outcomes.
   *
   * @param <A> the avatar's type
   * @param credentials what the client presented; not null
   * @param mind the protocol's client-side object handed to the realm; may be null
   * @param avatarInterface the interface the avatar must implement; not null
   * @return a stage of the realm's result, or failed as the class description says
   * @throws NullPointerException if {@code credentials} or {@code avatarInterface} is null
   */
  public <A> CompletionStage<LoginResult<A>> login(
      Credentials credentials, Object mind, Class<A> avatarInterface) {
    Objects.requireNonNull(avatarInterface, "avatarInterface");
    CompletableFuture<LoginResult<A>> typed = new CompletableFuture<>();
    loginTo(credentials, mind, List.of(avatarInterface))
        .whenComplete(
            (result, failure) -> {
              if (failure != null) {
                typed.completeExceptionally(failure);
              } else {
                typed.complete(result.as(avatarInterface));
              }
            });
    return typed;
  }

  /**
   * Logs {@code credentials} in, asking the realm for an avatar implementing one of {@code
   * avatarInterfaces}, in order of preference; {@link LoginResult#avatarInterface()} says which.
   *
   * @param credentials what the client presented; not null
   * @param mind the protocol's client-side object handed to the realm; may be null
   * @param avatarInterfaces the interfaces the avatar may implement, most preferred first
   * @return a stage of the realm's result, or failed as the class description says
   * @throws IllegalArgumentException if no interface is given
   * @throws NullPointerException if {@code credentials} is null
   */
  public CompletionStage<LoginResult<?>> login(
      Credentials credentials, Object mind, Class<?>... avatarInterfaces) {
    return loginTo(credentials, mind, List.of(avatarInterfaces));
  }

  /**
   * Logs {@code credentials} in; see {@link #login(Credentials, Object, Class[])}.
   *
   * @param credentials what the client presented; not null
   * @param mind the protocol's client-side object handed to the realm; may be null
   * @param avatarInterfaces the interfaces the avatar may implement, most preferred first; not
   *     empty
   * @return a stage of the realm's result, or failed as the class description says
   * @throws IllegalArgumentException if no interface is given
   * @throws NullPointerException if {@code credentials} is null
   */
  public CompletionStage<LoginResult<?>> login(
      Credentials credentials, Object mind, List<Class<?>> avatarInterfaces) {
    return loginTo(credentials, mind, List.copyOf(avatarInterfaces));
  }

  private CompletableFuture<LoginResult<?>> loginTo(
      Credentials credentials, Object mind, List<Class<?>> interfaces) {
    Objects.requireNonNull(credentials, "credentials");
    if (interfaces.isEmpty()) {
      throw new IllegalArgumentException("avatarInterfaces: empty (expected: at least one)");
    }
    CredentialsChecker checker = checkerFor(credentials);
    if (checker == null) {
      return CompletableFuture.failedFuture(
          UnhandledCredentialsException.forCredentials(credentials));
    }
    CompletableFuture<LoginResult<?>> out = new CompletableFuture<>();
    CompletionStage<AvatarId> id;
    try {
      id = Objects.requireNonNull(checker.requestAvatarId(credentials), "checker returned no stage");
    } catch (RuntimeException e) {
      out.completeExceptionally(e);
      return out;
    }
    id.whenComplete(
        (avatarId, failure) -> {
          if (failure != null) {
            out.completeExceptionally(unwrap(failure));
          } else if (avatarId == null) {
            out.completeExceptionally(
                new IllegalStateException(
                    "avatarId from " + checker.getClass().getName() + ": null (expected: an AvatarId)"));
          } else {
            requestAvatar(avatarId, mind, interfaces, out);
          }
        });
    return out;
  }

  private CredentialsChecker checkerFor(Credentials credentials) {
    for (Map.Entry<Class<? extends Credentials>, CredentialsChecker> e : checkers.entrySet()) {
      if (e.getKey().isInstance(credentials)) {
        return e.getValue();
      }
    }
    return null;
  }

  private void requestAvatar(
      AvatarId avatarId,
      Object mind,
      List<Class<?>> interfaces,
      CompletableFuture<LoginResult<?>> out) {
    CompletionStage<? extends LoginResult<?>> answer;
    try {
      answer =
          Objects.requireNonNull(
              realm.requestAvatar(avatarId, mind, interfaces), "realm returned no stage");
    } catch (RuntimeException e) {
      out.completeExceptionally(e);
      return;
    }
    answer.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            out.completeExceptionally(unwrap(failure));
          } else if (result == null) {
            out.completeExceptionally(
                new IllegalStateException("LoginResult from realm: null (expected: a result)"));
          } else if (!interfaces.contains(result.avatarInterface())) {
            IllegalStateException wrong =
                new IllegalStateException(
                    "avatarInterface from realm: " + result.avatarInterface().getName()
                        + " (expected: one of " + names(interfaces) + ")");
            try {
              result.logout();
            } catch (RuntimeException e) {
              wrong.addSuppressed(e);
            }
            out.completeExceptionally(wrong);
          } else {
            out.complete(result);
          }
        });
  }

  private static List<String> names(List<Class<?>> interfaces) {
    List<String> names = new ArrayList<>(interfaces.size());
    for (Class<?> i : interfaces) {
      names.add(i.getName());
    }
    return names;
  }

  /** Strips the wrappers that derived stages add. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
