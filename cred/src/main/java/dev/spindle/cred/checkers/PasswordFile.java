package dev.spindle.cred.checkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A password file of bcrypt hashes: its format, reading, writing one user's entry, and hashing.
 * {@link FilePasswordDatabase} checks logins against it; {@code spindle hashpw} (the command-line
 * tool) writes it.
 *
 * <h2>Format</h2>
 *
 * <ul>
 *   <li>UTF-8 text. Lines end with LF; a CR before the LF is ignored, and so is trailing whitespace.
 *   <li>Blank lines, and lines whose first non-blank character is {@code #}, are ignored.
 *   <li>Every other line is one entry, {@code username:hash}, split at the first {@code :}.
 *   <li>The username is not empty, does not start with whitespace, and holds no {@code :} and no
 *       control character (U+0000 to U+001F, U+007F). Its bytes are its UTF-8 encoding, compared
 *       exactly (no Unicode normalization; ASCII case folding only if the database is
 *       case-insensitive). A username appears at most once.
 *   <li>The hash is bcrypt in the modular crypt format: {@code $2a$}, {@code $2b$} or {@code $2y$},
 *       the cost as two digits from {@code 04} to {@code 31} (2<sup>cost</sup> rounds), {@code $},
 *       22 characters of salt and 31 of hash in bcrypt's base64 alphabet {@code
 *       ./A-Za-z0-9}: 60 characters in all. This module writes {@code $2y$}.
 * </ul>
 *
 * <pre>
 * # Spindle password file
 * alice:$2y$12$9QbmFZUc4sEfsVvkHU5aWOS5nmBQ1rq.gJQHauOkoQN..PoQbtFua
 * bob:$2y$12$OBPg3pk0bQqGOoQUcjH4GO7fuvWnxVZQQKd8zLy.5GKE5cy1oenUq
 * </pre>
 *
 * <p>Files made by Apache's {@code htpasswd -B} are in this format. bcrypt reads only the first 72
 * bytes of a password: {@link #hashPassword} refuses longer ones, while verification, as every
 * bcrypt, ignores the excess. A malformed file is reported with every problem and its line number,
 * never with the hashes.
 *
 * <p>Instances are immutable and thread-safe; {@link #writeEntry} and {@link #removeEntry} replace
 * the file atomically (a temporary file in the same directory, then a rename) but do not lock it
 * against other writers. Twisted equivalent: the file of {@code twisted.cred.checkers.FilePasswordDB}
 * with a {@code hash} function, in a fixed, self-describing format.
 */
public final class PasswordFile {
  /** The default bcrypt cost, 2<sup>12</sup> rounds; a fraction of a second per check. */
  public static final int DEFAULT_COST = 12;
  /** The lowest bcrypt cost, 4; for tests only. */
  public static final int MIN_COST = BCryptHash.MIN_COST;
  /** The highest bcrypt cost, 31. */
  public static final int MAX_COST = BCryptHash.MAX_COST;
  /** The longest password bcrypt reads: 72 bytes. */
  public static final int MAX_PASSWORD_BYTES = BCryptHash.MAX_PASSWORD_BYTES;

  private static final Map<Integer, BCryptHash> DUMMIES = new ConcurrentHashMap<>();

  private final Path path;
  private final int cost;

  private PasswordFile(Path path, int cost) {
    this.path = path;
    this.cost = cost;
  }

  /**
   * The password file at {@code path}, writing hashes at {@link #DEFAULT_COST}.
   *
   * @param path the file, which need not exist yet (until read); not null
   * @return a handle on the file; nothing is read yet
   */
  public static PasswordFile at(Path path) {
    return new PasswordFile(Objects.requireNonNull(path, "path"), DEFAULT_COST);
  }

  /**
   * The same file, writing hashes at {@code cost}.
   *
   * @param cost the bcrypt cost of new hashes, {@value #MIN_COST} to {@value #MAX_COST}
   * @return a new instance for the same path
   * @throws IllegalArgumentException if {@code cost} is not from 4 to 31
   */
  public PasswordFile withCost(int cost) {
    BCryptHash.checkCost(cost);
    return new PasswordFile(path, cost);
  }

  /**
   * The file's path.
   *
   * @return the path given to {@link #at(Path)}
   */
  public Path path() {
    return path;
  }

  /**
   * The bcrypt cost of the hashes this instance writes.
   *
   * @return the cost, {@value #MIN_COST} to {@value #MAX_COST}
   */
  public int cost() {
    return cost;
  }

  /**
   * Hashes {@code password} at this instance's cost with a fresh random salt.
   *
   * @param password the plaintext password's bytes, at most {@value #MAX_PASSWORD_BYTES}; not null
   * @return the 60-character {@code $2y$} hash
   * @throws IllegalArgumentException if the password is longer than 72 bytes
   */
  public String hashPassword(byte[] password) {
    return hashPassword(password, cost);
  }

  /**
   * Hashes {@code password} at {@code cost} with a fresh random salt: {@code $2y$<cost>$...}.
   *
   * @param password the plaintext password's bytes, at most {@value #MAX_PASSWORD_BYTES}; not null
   * @param cost the bcrypt cost, {@value #MIN_COST} to {@value #MAX_COST}
   * @return the 60-character {@code $2y$} hash
   * @throws IllegalArgumentException if the cost is out of range or the password longer than 72
   *     bytes
   */
  public static String hashPassword(byte[] password, int cost) {
    return BCryptHash.generate(Objects.requireNonNull(password, "password"), cost);
  }

  /**
   * True if {@code password} matches {@code hash}, compared in constant time. Costs one bcrypt at
   * the hash's cost whatever the answer.
   *
   * @param hash a bcrypt hash in the format above ({@code $2a$}, {@code $2b$} or {@code $2y$}); not
   *     null
   * @param password the presented password's bytes; not null
   * @return true if the password matches the hash
   * @throws IllegalArgumentException if {@code hash} is not a bcrypt hash
   */
  public static boolean checkPassword(String hash, byte[] password) {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(password, "password");
    return BCryptHash.parse(hash).verify(password);
  }

  /**
   * A hash of an unknown random password at {@code cost}, made once per cost. A checker verifies
   * the presented password against it when the user is unknown, so that an unknown user costs as
   * much as a wrong password.
   *
   * @param cost the bcrypt cost to match, {@value #MIN_COST} to {@value #MAX_COST}
   * @return a 60-character {@code $2y$} hash, the same for every call with this cost in this JVM
   * @throws IllegalArgumentException if {@code cost} is out of range
   */
  public static String dummyHash(int cost) {
    BCryptHash.checkCost(cost);
    return dummy(cost).text();
  }

  static BCryptHash dummy(int cost) {
    return DUMMIES.computeIfAbsent(
        cost,
        c -> {
          byte[] random = new byte[16];
          new SecureRandom().nextBytes(random);
          return BCryptHash.parse(BCryptHash.generate(random, c));
        });
  }

  /**
   * Reads and checks the file.
   *
   * @return the entries in file order; empty if the file has none
   * @throws PasswordFileException listing every malformed line
   * @throws UncheckedIOException if the file cannot be read
   */
  public List<Entry> read() {
    return parse(path.toString(), readBytes(path), true);
  }

  /**
   * Writes {@code username}'s entry with a new hash of {@code password}: replaces the user's line
   * where it is (dropping any later duplicates), or appends one. Other lines, comments and
   * malformed lines included, are kept byte for byte; a missing final LF is added. A new file is created readable by its owner only (on POSIX systems);
   * an existing file keeps its permissions.
   *
   * @param username the user name, following the format's rules; not null
   * @param password the plaintext password's bytes, at most {@value #MAX_PASSWORD_BYTES}; not null
   * @throws IllegalArgumentException if the username breaks the format's rules or the password is
   *     longer than 72 bytes
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public void writeEntry(String username, byte[] password) {
    checkUsername(username);
    String hash = hashPassword(password);
    byte[] line = (username + ":" + hash).getBytes(StandardCharsets.UTF_8);
    rewrite(username, line);
  }

  /**
   * Removes {@code username}'s entry.
   *
   * @param username the user name, following the format's rules; not null
   * @return true if the file held it
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public boolean removeEntry(String username) {
    checkUsername(username);
    if (!Files.exists(path)) {
      return false;
    }
    return rewrite(username, null);
  }

  /** Replaces (or with a null {@code line}, removes) the user's lines; returns whether any existed. */
  private boolean rewrite(String username, byte[] line) {
    byte[] prefix = (username + ":").getBytes(StandardCharsets.UTF_8);
    byte[] old;
    try {
      old = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      old = new byte[0];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read password file " + path, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(old.length + 128);
    boolean found = false;
    for (byte[] existing : splitLines(old, false)) {
      if (startsWith(existing, prefix)) {
        if (!found && line != null) {
          out.writeBytes(line);
          out.write('\n');
        }
        found = true;
      } else {
        out.writeBytes(existing);
        out.write('\n');
      }
    }
    if (!found && line != null) {
      out.writeBytes(line);
      out.write('\n');
    }
    if (found || line != null) {
      replace(out.toByteArray());
    }
    return found;
  }

  private void replace(byte[] content) {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
      copyPermissions(tmp);
      Files.write(tmp, content);
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write password file " + path, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Best effort: the write already failed.
        }
      }
    }
  }

  private void copyPermissions(Path tmp) throws IOException {
    PosixFileAttributeView target = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (target == null) {
      return;
    }
    if (Files.exists(path)) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      target.setPermissions(perms);
    } else {
      target.setPermissions(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  /**
   * One entry of the file. {@code lineNumber} counts from 1.
   *
   * @param lineNumber the entry's line in the file, counting from 1
   * @param username the user name as written; not null
   * @param hash the bcrypt hash as written; not null
   */
  public record Entry(int lineNumber, String username, String hash) {
    /**
     * Checks that no component is null.
     *
     * @param lineNumber the entry's line in the file, counting from 1
     * @param username the user name as written; not null
     * @param hash the bcrypt hash as written; not null
     */
    public Entry {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(hash, "hash");
    }

    /**
     * The username's UTF-8 bytes, as compared with a login's username.
     *
     * @return a new array of the username's UTF-8 bytes
     */
    public byte[] usernameBytes() {
      return username.getBytes(StandardCharsets.UTF_8);
    }

    /** Hides the hash. */
    @Override
    public String toString() {
      return "Entry[line " + lineNumber + ", " + username + "]";
    }
  }

  // ---- parsing ----

  static byte[] readBytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read password file " + path, e);
    }
  }

  /**
   * Parses {@code content}; {@code source} names it in problems. Duplicates are found after ASCII
   * case folding unless {@code caseSensitive}.
   */
  static List<Entry> parse(String source, byte[] content, boolean caseSensitive) {
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<ByteKey, Integer> firstLine = new HashMap<>();
    List<byte[]> lines = splitLines(content, true);
    for (int i = 0; i < lines.size(); i++) {
      int number = i + 1;
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(lines.get(i)))
                .toString();
      } catch (CharacterCodingException e) {
        problems.add(source + ":" + number + ": not valid UTF-8");
        continue;
      }
      String line = text.stripTrailing();
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        problems.add(source + ":" + number + ": no ':' (expected: username:hash)");
        continue;
      }
      String username = line.substring(0, colon);
      String usernameProblem = usernameProblem(username);
      if (usernameProblem != null) {
        problems.add(source + ":" + number + ": " + usernameProblem);
        continue;
      }
      String hash = line.substring(colon + 1);
      try {
        BCryptHash.parse(hash);
      } catch (IllegalArgumentException e) {
        problems.add(source + ":" + number + ": hash of '" + username + "': " + e.getMessage());
        continue;
      }
      byte[] bytes = username.getBytes(StandardCharsets.UTF_8);
      ByteKey key = caseSensitive ? ByteKey.copyOf(bytes) : ByteKey.lowerAscii(bytes);
      Integer first = firstLine.putIfAbsent(key, number);
      if (first != null) {
        problems.add(
            source + ":" + number + ": username '" + username + "' repeated (first on line "
                + first + (caseSensitive ? "" : ", ignoring ASCII case") + ")");
        continue;
      }
      entries.add(new Entry(number, username, hash));
    }
    if (!problems.isEmpty()) {
      throw new PasswordFileException(problems);
    }
    return List.copyOf(entries);
  }

  static void checkUsername(String username) {
    Objects.requireNonNull(username, "username");
    String problem = usernameProblem(username);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Why {@code username} cannot be in the file, or null. */
  private static String usernameProblem(String username) {
    if (username.isEmpty()) {
      return "username: empty (expected: username:hash with a non-empty username)";
    }
    if (Character.isWhitespace(username.charAt(0)) || Character.isSpaceChar(username.charAt(0))) {
      return "username '" + username.strip() + "' starts with whitespace (expected: none)";
    }
    for (int i = 0; i < username.length(); i++) {
      char c = username.charAt(i);
      if (c == ':') {
        return "username contains ':' (expected: none)";
      }
      if (c < 0x20 || c == 0x7f) {
        return "username contains a control character (expected: none)";
      }
    }
    if (!username.equals(username.stripTrailing())) {
      return "username '" + username.strip() + "' ends with whitespace (expected: none)";
    }
    return null;
  }

  /**
   * Splits at LF, dropping one CR before each LF if {@code stripCr}; no empty last line for a
   * trailing LF.
   */
  static List<byte[]> splitLines(byte[] content, boolean stripCr) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (i == content.length && start == content.length) {
          break;
        }
        int end = i;
        if (stripCr && end > start && content[end - 1] == '\r') {
          end--;
        }
        lines.add(Arrays.copyOfRange(content, start, end));
        start = i + 1;
      }
    }
    return lines;
  }

  private static boolean startsWith(byte[] line, byte[] prefix) {
    return line.length >= prefix.length
        && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
  }
}
