package dev.spindle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.checkers.PasswordFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code spindle hashpw}: entries for the cred module's bcrypt password file. */
@Timeout(60)
class HashPwTest {
  @TempDir
  Path dir;

  private static String hashOf(Path file, String user) throws IOException {
    for (PasswordFile.Entry e : PasswordFile.at(file).read()) {
      if (e.username().equals(user)) {
        return e.hash();
      }
    }
    throw new AssertionError(user + " not in " + Files.readString(file));
  }

  @Test
  void writesAnEntryWithThePasswordFromStandardInput() throws IOException {
    Path file = dir.resolve("users.passwd");
    Cli.Result r = Cli.withStdin("s3cret\n", "hashpw", file.toString(), "alice", "--cost", "4");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.out());
    assertEquals("wrote the entry of alice to " + file + "\n", r.err());
    String hash = hashOf(file, "alice");
    assertTrue(hash.startsWith("$2y$04$"), hash);
    assertTrue(PasswordFile.checkPassword(hash, "s3cret".getBytes(StandardCharsets.UTF_8)));
    assertFalse(PasswordFile.checkPassword(hash, "s3cret\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void replacesTheUsersLineAndKeepsTheOthers() throws IOException {
    Path file = dir.resolve("users.passwd");
    Files.writeString(file, "# users\nbob:" + PasswordFile.hashPassword("x".getBytes(StandardCharsets.UTF_8), 4) + "\n");
    assertEquals(0, Cli.withStdin("one\r\n", "hashpw", "--cost=4", file.toString(), "alice").exit());
    assertEquals(0, Cli.withStdin("two", "hashpw", "--cost=4", file.toString(), "alice").exit());
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size(), lines::toString);
    assertEquals("# users", lines.get(0));
    assertTrue(lines.get(1).startsWith("bob:"));
    assertTrue(PasswordFile.checkPassword(hashOf(file, "alice"), "two".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void onATerminalThePasswordIsTypedTwice() throws IOException {
    Path file = dir.resolve("p");
    Deque<String> typed = new ArrayDeque<>(List.of("pw\u00e9", "pw\u00e9"));
    Deque<String> prompts = new ArrayDeque<>();
    Terminal terminal = prompt -> {
      prompts.add(prompt);
      return typed.remove().toCharArray();
    };
    Cli.Result r = Cli.run(Map.of(), new byte[0], terminal, "hashpw", file.toString(), "carol", "--cost", "4");
    assertEquals(0, r.exit(), r::toString);
    assertEquals(List.of("New password for carol: ", "Again: "), List.copyOf(prompts));
    assertTrue(PasswordFile.checkPassword(hashOf(file, "carol"), "pw\u00e9".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void twoDifferentEntriesWriteNothing() {
    Path file = dir.resolve("p");
    Deque<String> typed = new ArrayDeque<>(List.of("one", "two"));
    Cli.Result r = Cli.run(Map.of(), new byte[0], prompt -> typed.remove().toCharArray(),
        "hashpw", file.toString(), "carol", "--cost", "4");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("the two entries differ"), r::toString);
    assertFalse(Files.exists(file));
  }

  @Test
  void refusedInputExitsOne() {
    Path file = dir.resolve("p");
    assertEquals(1, Cli.withStdin("pw\n", "hashpw", file.toString(), "a:b", "--cost", "4").exit());
    assertEquals(1, Cli.withStdin("\n", "hashpw", file.toString(), "alice", "--cost", "4").exit());
    assertEquals(1, Cli.withStdin("x".repeat(73) + "\n", "hashpw", file.toString(), "alice", "--cost", "4").exit());
    assertFalse(Files.exists(file));
  }

  @Test
  void anUnwritableFileExitsThree() {
    Cli.Result r = Cli.withStdin("pw\n", "hashpw", dir.resolve("missing/dir/p").toString(), "alice", "--cost", "4");
    assertEquals(3, r.exit(), r::toString);
  }

  @Test
  void usageErrorsExitTwo() {
    Path file = dir.resolve("p");
    assertEquals(2, Cli.withStdin("pw\n", "hashpw", file.toString()).exit());
    assertEquals(2, Cli.withStdin("pw\n", "hashpw", file.toString(), "alice", "bob").exit());
    assertEquals(2, Cli.withStdin("pw\n", "hashpw", file.toString(), "alice", "--cost", "3").exit());
    assertEquals(2, Cli.withStdin("pw\n", "hashpw", file.toString(), "alice", "--cost", "x").exit());
    assertEquals(2, Cli.withStdin("", "hashpw", file.toString(), "alice", "--cost", "4").exit());
    assertEquals(2, Cli.withStdin("pw\n", "hashpw", file.toString(), "alice", "--password", "pw").exit());
    assertFalse(Files.exists(file));
  }
}
