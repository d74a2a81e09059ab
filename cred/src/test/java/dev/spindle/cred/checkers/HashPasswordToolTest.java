package dev.spindle.cred.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashPasswordToolTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String password, String... args) {
    return HashPasswordTool.run(
        args,
        () -> password == null ? null : password.toCharArray(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheUsersEntryFromTheGivenPassword() {
    Path file = dir.resolve("passwords");
    assertEquals(0, run("s3cret pässword", "--cost", "4", file.toString(), "alice"));
    List<PasswordFile.Entry> entries = PasswordFile.at(file).read();
    assertEquals("alice", entries.get(0).username());
    assertTrue(entries.get(0).hash().startsWith("$2y$04$"));
    assertTrue(
        PasswordFile.checkPassword(entries.get(0).hash(), "s3cret pässword".getBytes(StandardCharsets.UTF_8)));
    assertFalse(output().contains("s3cret"), output());
    assertFalse(output().contains(entries.get(0).hash()), output());
  }

  @Test
  void replacesAnExistingEntry() throws Exception {
    Path file = dir.resolve("passwords");
    run("one", "--cost", "4", file.toString(), "alice");
    run("two", "--cost", "4", file.toString(), "alice");
    List<PasswordFile.Entry> entries = PasswordFile.at(file).read();
    assertEquals(1, entries.size());
    assertTrue(PasswordFile.checkPassword(entries.get(0).hash(), "two".getBytes(StandardCharsets.UTF_8)));
    assertEquals(1, Files.readAllLines(file).size());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run("pw"));
    assertEquals(2, run("pw", "only-file"));
    assertEquals(2, run("pw", "--cost"));
    assertEquals(2, run("pw", "--cost", "x", "f", "u"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(HashPasswordTool.USAGE));
  }

  @Test
  void refusesEmptyPasswordsBadCostsAndBadUsernames() {
    Path file = dir.resolve("passwords");
    assertEquals(1, run("", "--cost", "4", file.toString(), "alice"));
    assertEquals(1, run(null, "--cost", "4", file.toString(), "alice"));
    assertEquals(1, run("pw", "--cost", "3", file.toString(), "alice"));
    assertEquals(1, run("pw", "--cost", "4", file.toString(), "a:b"));
    assertFalse(Files.exists(file));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("cost: 3 (expected: 4 to 31)"));
  }
}
