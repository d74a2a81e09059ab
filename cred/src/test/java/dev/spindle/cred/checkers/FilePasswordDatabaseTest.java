package dev.spindle.cred.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.cred.UsernamePassword;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePasswordDatabaseTest {
  @TempDir Path dir;
  private Path path;
  private final AtomicInteger tasks = new AtomicInteger();
  /** Runs verifications on the calling thread, counting them. */
  private final Executor counting =
      r -> {
        tasks.incrementAndGet();
        r.run();
      };

  @BeforeEach
  void writeFile() {
    path = dir.resolve("passwords");
    PasswordFile file = PasswordFile.at(path).withCost(4);
    file.writeEntry("alice", utf8("secret"));
    file.writeEntry("Bob", utf8("hunter2"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private FilePasswordDatabase.Builder builder() {
    return FilePasswordDatabase.builder(path).executor(counting);
  }

  private static AvatarId avatarId(CompletionStage<AvatarId> stage) {
    CompletableFuture<AvatarId> f = stage.toCompletableFuture();
    assertTrue(f.isDone());
    return f.join();
  }

  private static Throwable failure(CompletionStage<?> stage) {
    CompletableFuture<?> f = stage.toCompletableFuture();
    assertTrue(f.isCompletedExceptionally());
    CompletionException e = assertThrows(CompletionException.class, f::join);
    return e.getCause();
  }

  @Test
  void rightPasswordGivesTheUsername() {
    FilePasswordDatabase db = builder().build();
    assertEquals(AvatarId.of("alice"), avatarId(db.requestAvatarId(UsernamePassword.of("alice", "secret"))));
    assertEquals(1, tasks.get(), "verified on the executor");
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlikeAfterTheSameWork() {
    FilePasswordDatabase db = builder().build();
    Throwable wrong = failure(db.requestAvatarId(UsernamePassword.of("alice", "guess")));
    Throwable unknown = failure(db.requestAvatarId(UsernamePassword.of("mallory", "secret")));
    assertSame(UnauthorizedLoginException.class, wrong.getClass());
    assertSame(UnauthorizedLoginException.class, unknown.getClass());
    assertEquals(wrong.getMessage(), unknown.getMessage());
    assertEquals(2, tasks.get(), "an unknown user is verified too");
    assertEquals(4, db.dummyCost(), "against a dummy hash at the file's cost");
  }

  @Test
  void dummyCostFollowsTheMostCommonCost() {
    PasswordFile.at(path).withCost(5).writeEntry("carol", utf8("x"));
    PasswordFile.at(path).withCost(5).writeEntry("dave", utf8("x"));
    assertEquals(5, builder().build().dummyCost());
  }

  @Test
  void usernamesAreCaseSensitiveByDefault() {
    FilePasswordDatabase db = builder().build();
    assertInstanceOf(
        UnauthorizedLoginException.class, failure(db.requestAvatarId(UsernamePassword.of("ALICE", "secret"))));
    assertInstanceOf(
        UnauthorizedLoginException.class, failure(db.requestAvatarId(UsernamePassword.of("bob", "hunter2"))));
  }

  @Test
  void caseInsensitiveDatabaseGivesTheLowerCasedUsername() {
    FilePasswordDatabase db = builder().caseSensitive(false).build();
    assertEquals(AvatarId.of("alice"), avatarId(db.requestAvatarId(UsernamePassword.of("ALICE", "secret"))));
    assertEquals(AvatarId.of("bob"), avatarId(db.requestAvatarId(UsernamePassword.of("BOB", "hunter2"))));
  }

  @Test
  void pbChallengeResponseIsUnhandledThroughThePortal() {
    Realm realm = (Realm.Synchronous) (id, mind, interfaces) -> LoginResult.of(Object.class, id);
    Portal portal = new Portal(realm, builder().build());
    PbChallenge challenge = PbChallenge.random();
    Throwable t =
        failure(
            portal.login(
                challenge.credentials(utf8("alice"), challenge.respond(utf8("secret"))), null, Object.class));
    assertInstanceOf(UnhandledCredentialsException.class, t);
    assertEquals(List.of(UsernamePassword.class), portal.listCredentialsInterfaces());
  }

  @Test
  void otherCredentialsAreUnhandledByTheCheckerItself() {
    FilePasswordDatabase db = builder().build();
    assertInstanceOf(
        UnhandledCredentialsException.class,
        failure(db.requestAvatarId(PbChallenge.random().credentials(utf8("alice"), new byte[16]))));
  }

  @Test
  void changedFileIsReloaded() {
    FilePasswordDatabase db = builder().build();
    PasswordFile.at(path).withCost(4).writeEntry("alice", utf8("changed"));
    assertInstanceOf(
        UnauthorizedLoginException.class, failure(db.requestAvatarId(UsernamePassword.of("alice", "secret"))));
    assertEquals(AvatarId.of("alice"), avatarId(db.requestAvatarId(UsernamePassword.of("alice", "changed"))));
  }

  @Test
  void changesAreIgnoredWithoutReloadOnChange() {
    FilePasswordDatabase db = builder().reloadOnChange(false).build();
    PasswordFile.at(path).withCost(4).writeEntry("alice", utf8("changed"));
    assertEquals(AvatarId.of("alice"), avatarId(db.requestAvatarId(UsernamePassword.of("alice", "secret"))));
    db.reload();
    assertEquals(AvatarId.of("alice"), avatarId(db.requestAvatarId(UsernamePassword.of("alice", "changed"))));
  }

  @Test
  void brokenFileRefusesEveryLoginUntilFixed() throws Exception {
    FilePasswordDatabase db = builder().build();
    String good = Files.readString(path);
    Files.writeString(path, good + "garbage line\n");
    assertInstanceOf(
        UnauthorizedLoginException.class, failure(db.requestAvatarId(UsernamePassword.of("alice", "secret"))));
    Files.delete(path);
    assertInstanceOf(
        UnauthorizedLoginException.class, failure(db.requestAvatarId(UsernamePassword.of("alice", "secret"))));
    Files.writeString(path, good);
    assertEquals(AvatarId.of("alice"), avatarId(db.requestAvatarId(UsernamePassword.of("alice", "secret"))));
  }

  @Test
  void malformedFileFailsTheBuildWithLineNumbers() throws Exception {
    Files.writeString(path, "# ok\nalice\n", StandardCharsets.UTF_8);
    PasswordFileException e = assertThrows(PasswordFileException.class, () -> builder().build());
    assertEquals(List.of(path + ":2: no ':' (expected: username:hash)"), e.problems());
  }

  @Test
  void missingFileFailsTheBuild() {
    assertThrows(
        UncheckedIOException.class, () -> FilePasswordDatabase.builder(dir.resolve("missing")).build());
  }

  @Test
  void rejectedWorkFailsTheStage() {
    FilePasswordDatabase db =
        builder()
            .executor(
                r -> {
                  throw new java.util.concurrent.RejectedExecutionException("full");
                })
            .build();
    assertInstanceOf(
        java.util.concurrent.RejectedExecutionException.class,
        failure(db.requestAvatarId(UsernamePassword.of("alice", "secret"))));
  }

  @Test
  void defaultExecutorAnswersOffTheCallingThread() throws Exception {
    FilePasswordDatabase db = FilePasswordDatabase.builder(path).build();
    assertEquals(
        AvatarId.of("alice"),
        db.requestAvatarId(UsernamePassword.of("alice", "secret"))
            .toCompletableFuture()
            .get(30, java.util.concurrent.TimeUnit.SECONDS));
  }
}
