package com.example.consumer;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.login.Perspective;
import java.util.List;

/** A PB login: alice/secret gets an avatar whose {@code whoami} names her. */
public final class Accounts {
  private Accounts() {}

  /** The avatar. */
  public static final class User implements Perspective {
    private final String name;

    User(String name) {
      this.name = name;
    }

    /** {@code perspective.callRemote("whoami")}. */
    public String perspective_whoami() {
      return name;
    }
  }

  /** The portal: one user, alice, password secret. */
  public static Portal portal() {
    InMemoryUsernamePasswordDatabase checker = new InMemoryUsernamePasswordDatabase();
    checker.addUser("alice", "secret");
    Realm.Synchronous realm = (AvatarId id, Object mind, List<Class<?>> interfaces) ->
        LoginResult.of(Perspective.class, new User(id.usernameAsString()), () -> {});
    return new Portal(realm, checker);
  }
}
