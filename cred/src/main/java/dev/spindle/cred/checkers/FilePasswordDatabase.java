package dev.spindle.cred.checkers;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.CredentialsChecker;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.cred.UsernameHashedPassword;
import dev.spindle.cred.UsernameMD5Password;
import dev.spindle.cred.UsernamePassword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@link UsernamePassword} logins against a {@link PasswordFile} of bcrypt hashes.
 *
 * <pre>{@code
 * FilePasswordDatabase users = FilePasswordDatabase.builder(Path.of("/etc/myapp/passwords")).build();
 * Portal portal = new Portal(realm, users);
 * }</pre>
 *
 * <p><strong>Cannot serve PB's challenge-response.</strong> PB's credentials ({@link
 * UsernameHashedPassword}, {@link UsernameMD5Password}) must be checked against the plaintext
 * password, which a file of salted hashes does not hold; this checker does not register for them,
 * so a portal with only this checker answers PB logins with {@link
 * dev.spindle.cred.UnhandledCredentialsException}, exactly as Twisted's {@code FilePasswordDB}
 * with a {@code hash} function does.
 *
 * <p>Verification costs one bcrypt at the entry's cost (about a quarter second at the default cost
 * 12) and runs on the builder's executor, never on the caller's thread. An unknown user costs one
 * bcrypt too, against a dummy hash at the file's most common cost, and both fail with the same
 * {@link UnauthorizedLoginException}. The avatar id is the username as written in the file
 * (lower-cased if the database is case-insensitive).
 *
 * <p>The file is read by {@link Builder#build()}, which fails if it is missing or malformed. With
 * {@link Builder#reloadOnChange(boolean)} (the default), each login checks the file's modification
 * time, size and identity, and re-reads it when they change. If the new content cannot be read or
 * is malformed, every login is refused (fail closed) and a warning names the problems, until the
 * file is fixed.
 *
 * <p>Thread-safe. Twisted equivalent: {@code twisted.cred.checkers.FilePasswordDB(filename,
 * hash=..., cache=True)}, with a fixed bcrypt format instead of a user-supplied hash function.
 */
public final class FilePasswordDatabase implements CredentialsChecker {
  private static final Logger logger = LoggerFactory.getLogger(FilePasswordDatabase.class);

  private final Path path;
  private final boolean caseSensitive;
  private final boolean reloadOnChange;
  private final Executor executor;
  private final Object reloadLock = new Object();
  private volatile Table table;

  private FilePasswordDatabase(Builder b) {
    this.path = b.path;
    this.caseSensitive = b.caseSensitive;
    this.reloadOnChange = b.reloadOnChange;
    this.executor = b.executor;
    Stamp stamp = stamp(path);
    this.table = load(stamp);
  }

  /**
   * Returns a builder for the database stored at {@code path}.
   *
   * @param path the password file, read when the database is built; not null
   * @return a new builder with the defaults: case-sensitive, reloading, on the common pool
   * @throws NullPointerException if {@code path} is null
   */
  public static Builder builder(Path path) {
    return new Builder(path);
  }

  /**
   * The password file's path.
   *
   * @return the path given to {@link #builder(Path)}
   */
  public Path path() {
    return path;
  }

  /** {@link UsernamePassword} only. */
  @Override
  public List<Class<? extends Credentials>> credentialInterfaces() {
    return List.of(UsernamePassword.class);
  }

  /**
   * Verifies the password on the executor. The stage fails with {@link UnauthorizedLoginException}
   * for an unknown user, a wrong password, or an unusable file; with {@link
   * UnhandledCredentialsException} for credentials other than {@link UsernamePassword}; with {@link
   * RejectedExecutionException} if the executor refuses the work.
   */
  @Override
  public CompletionStage<AvatarId> requestAvatarId(Credentials credentials) {
    if (!(credentials instanceof UsernamePassword up)) {
      return CompletableFuture.failedFuture(
          UnhandledCredentialsException.forCredentials(credentials));
    }
    byte[] username = up.username();
    byte[] password = up.password();
    CompletableFuture<AvatarId> out = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              out.complete(check(username, password));
            } catch (RuntimeException e) {
              out.completeExceptionally(e);
            } finally {
              Arrays.fill(password, (byte) 0);
            }
          });
    } catch (RejectedExecutionException e) {
      Arrays.fill(password, (byte) 0);
      out.completeExceptionally(e);
    }
    return out;
  }

  /**
   * Re-reads the file now, whatever its modification time.
   *
   * @throws PasswordFileException if it is malformed; logins are then refused until it is fixed
   * @throws UncheckedIOException if it cannot be read; likewise
   */
  public void reload() {
    synchronized (reloadLock) {
      Stamp stamp;
      try {
        stamp = stamp(path);
        table = load(stamp);
      } catch (RuntimeException e) {
        table = Table.refusing(null, table.dummy);
        throw e;
      }
    }
  }

  /** The cost of the dummy hash unknown users are verified against (for tests). */
  int dummyCost() {
    return table.dummy.cost();
  }

  private AvatarId check(byte[] username, byte[] password) {
    Table t = current();
    ByteKey key = caseSensitive ? ByteKey.copyOf(username) : ByteKey.lowerAscii(username);
    Entry entry = t.users.get(key);
    BCryptHash hash = entry != null ? entry.hash : t.dummy;
    boolean matched = hash.verify(password);
    if (entry == null || !matched) {
      throw new UnauthorizedLoginException();
    }
    return AvatarId.of(entry.username.bytes());
  }

  /** The table to check against, re-read first if the file changed. */
  private Table current() {
    Table t = table;
    if (!reloadOnChange) {
      return t;
    }
    Stamp now = tryStamp(path);
    if (Objects.equals(now, t.stamp)) {
      return t;
    }
    synchronized (reloadLock) {
      t = table;
      if (Objects.equals(now, t.stamp)) {
        return t;
      }
      try {
        t = load(now != null ? now : stamp(path));
        logger.debug("Reloaded password file {}: {} users", path, t.users.size());
      } catch (PasswordFileException | UncheckedIOException e) {
        logger.warn(
            "Password file {} is unusable; refusing every login until it is fixed: {}",
            path,
            e instanceof UncheckedIOException io ? io.getCause().toString() : e.getMessage());
        t = Table.refusing(now, t.dummy);
      }
      table = t;
      return t;
    }
  }

  private Table load(Stamp stamp) {
    List<PasswordFile.Entry> entries =
        PasswordFile.parse(path.toString(), PasswordFile.readBytes(path), caseSensitive);
    Map<ByteKey, Entry> users = new HashMap<>();
    Map<Integer, Integer> costs = new HashMap<>();
    for (PasswordFile.Entry e : entries) {
      byte[] bytes = e.usernameBytes();
      ByteKey key = caseSensitive ? ByteKey.copyOf(bytes) : ByteKey.lowerAscii(bytes);
      BCryptHash hash = BCryptHash.parse(e.hash());
      users.put(key, new Entry(key, hash));
      costs.merge(hash.cost(), 1, Integer::sum);
    }
    int dummyCost = PasswordFile.DEFAULT_COST;
    int best = 0;
    for (Map.Entry<Integer, Integer> c : costs.entrySet()) {
      if (c.getValue() > best || (c.getValue() == best && c.getKey() > dummyCost)) {
        best = c.getValue();
        dummyCost = c.getKey();
      }
    }
    return new Table(Map.copyOf(users), PasswordFile.dummy(dummyCost), stamp);
  }

  private static Stamp stamp(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return new Stamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read password file " + path, e);
    }
  }

  private static Stamp tryStamp(Path path) {
    try {
      return stamp(path);
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  /** What identifies a version of the file. */
  private record Stamp(long modifiedMillis, long size, Object fileKey) {}

  /** A user: the canonical username (the avatar id) and the hash. */
  private record Entry(ByteKey username, BCryptHash hash) {}

  /** An immutable snapshot of the file; refusing if it had no users map because it was broken. */
  private record Table(Map<ByteKey, Entry> users, BCryptHash dummy, Stamp stamp) {
    static Table refusing(Stamp stamp, BCryptHash dummy) {
      return new Table(Map.of(), dummy, stamp);
    }
  }

  /** Builds a {@link FilePasswordDatabase}. Not thread-safe. */
  public static final class Builder {
    private final Path path;
    private boolean caseSensitive = true;
    private boolean reloadOnChange = true;
    private Executor executor = ForkJoinPool.commonPool();

    private Builder(Path path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Whether usernames are compared exactly (the default) or ignoring ASCII case, as Twisted's
     * {@code caseSensitive}; case-insensitive files must not hold two usernames that differ only in
     * case.
     *
     * @param caseSensitive true to compare usernames byte for byte, false to ignore ASCII case
     * @return this builder
     */
    public Builder caseSensitive(boolean caseSensitive) {
      this.caseSensitive = caseSensitive;
      return this;
    }

    /**
     * Whether logins re-read the file when it changes (default true). Twisted: {@code cache=True}.
     *
     * @param reloadOnChange true to re-read the file when it changes, false to read it once
     * @return this builder
     */
    public Builder reloadOnChange(boolean reloadOnChange) {
      this.reloadOnChange = reloadOnChange;
      return this;
    }

    /**
     * Where bcrypt verifications (and reloads) run; default {@link ForkJoinPool#commonPool()}.
     * {@code Runnable::run} runs them on the caller's thread, which suits tests but blocks a
     * protocol's event loop.
     *
     * @param executor where verifications and reloads run; not null
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Reads the file and returns the database.
     *
     * @return a new database holding the file's current entries
     * @throws PasswordFileException if the file is malformed
     * @throws UncheckedIOException if it cannot be read
     */
    public FilePasswordDatabase build() {
      return new FilePasswordDatabase(this);
    }
  }
}
