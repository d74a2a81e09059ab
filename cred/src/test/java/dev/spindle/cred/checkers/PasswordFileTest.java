package dev.spindle.cred.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
  private static final String SECRET_HASH = "$2y$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW";
  private static final String U_STAR_U_HASH = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path file(String content) throws Exception {
    Path p = dir.resolve("passwords");
    Files.write(p, utf8(content));
    return p;
  }

  @Test
  void writtenEntriesReadBackAndVerify() {
    PasswordFile file = PasswordFile.at(dir.resolve("passwords")).withCost(4);
    file.writeEntry("alice", utf8("secret"));
    file.writeEntry("bob", utf8("hunter2"));
    List<PasswordFile.Entry> entries = file.read();
    assertEquals(List.of("alice", "bob"), entries.stream().map(PasswordFile.Entry::username).toList());
    assertEquals(List.of(1, 2), entries.stream().map(PasswordFile.Entry::lineNumber).toList());
    assertTrue(entries.get(0).hash().startsWith("$2y$04$"));
    assertTrue(PasswordFile.checkPassword(entries.get(0).hash(), utf8("secret")));
    assertFalse(PasswordFile.checkPassword(entries.get(0).hash(), utf8("hunter2")));
    assertTrue(PasswordFile.checkPassword(entries.get(1).hash(), utf8("hunter2")));
  }

  @Test
  void knownGoodHashesVerify() {
    assertTrue(PasswordFile.checkPassword(SECRET_HASH, utf8("secret")));
    assertTrue(PasswordFile.checkPassword(U_STAR_U_HASH, utf8("U*U")));
    assertFalse(PasswordFile.checkPassword(SECRET_HASH, utf8("Secret")));
  }

  @Test
  void commentsBlankLinesCrlfAndTrailingWhitespaceAreIgnored() throws Exception {
    Path p =
        file(
            "# users\n\n   \n  # indented comment\r\nalice:" + SECRET_HASH + "  \r\n"
                + "zoë smith:" + U_STAR_U_HASH);
    List<PasswordFile.Entry> entries = PasswordFile.at(p).read();
    assertEquals(2, entries.size());
    assertEquals(new PasswordFile.Entry(5, "alice", SECRET_HASH), entries.get(0));
    assertEquals(new PasswordFile.Entry(6, "zoë smith", U_STAR_U_HASH), entries.get(1));
    assertEquals("Entry[line 5, alice]", entries.get(0).toString());
  }

  @Test
  void malformedLinesAreAllReportedWithLineNumbersAndNoHash() throws Exception {
    Path p =
        file(
            "alice:" + SECRET_HASH + "\n"
                + "no colon here\n"
                + ":" + SECRET_HASH + "\n"
                + " bob:" + SECRET_HASH + "\n"
                + "carol:plaintext-password\n"
                + "dave:$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW\n"
                + "alice:" + U_STAR_U_HASH + "\n"
                + "eve :" + SECRET_HASH + "\n");
    PasswordFileException e =
        assertThrows(PasswordFileException.class, () -> PasswordFile.at(p).read());
    String rule =
        "not a bcrypt hash (expected: $2a$, $2b$ or $2y$, a two-digit cost from 04 to 31, '$', then"
            + " 53 characters of ./A-Za-z0-9)";
    assertEquals(
        List.of(
            p + ":2: no ':' (expected: username:hash)",
            p + ":3: username: empty (expected: username:hash with a non-empty username)",
            p + ":4: username 'bob' starts with whitespace (expected: none)",
            p + ":5: hash of 'carol': " + rule,
            p + ":6: hash of 'dave': " + rule,
            p + ":7: username 'alice' repeated (first on line 1)",
            p + ":8: username 'eve' ends with whitespace (expected: none)"),
        e.problems());
    assertTrue(e.getMessage().startsWith("7 problems:\n"), e.getMessage());
    assertFalse(e.getMessage().contains("plaintext-password"), e.getMessage());
    assertFalse(e.getMessage().contains("abcdefgh"), e.getMessage());
  }

  @Test
  void invalidUtf8IsReported() throws Exception {
    Path p = dir.resolve("passwords");
    Files.write(p, new byte[] {'a', (byte) 0xff, ':', 'x', '\n'});
    PasswordFileException e =
        assertThrows(PasswordFileException.class, () -> PasswordFile.at(p).read());
    assertEquals(List.of(p + ":1: not valid UTF-8"), e.problems());
  }

  @Test
  void usernamesAreCaseSensitiveUnlessFolded() {
    byte[] content = utf8("Alice:" + SECRET_HASH + "\nalice:" + U_STAR_U_HASH + "\n");
    assertEquals(2, PasswordFile.parse("f", content, true).size());
    PasswordFileException e =
        assertThrows(PasswordFileException.class, () -> PasswordFile.parse("f", content, false));
    assertEquals(
        List.of("f:2: username 'alice' repeated (first on line 1, ignoring ASCII case)"), e.problems());
  }

  @Test
  void writeEntryReplacesTheUsersLineInPlaceAndKeepsEverythingElse() throws Exception {
    String before =
        "# header\r\nalice:" + SECRET_HASH + "\r\nnot an entry\nbob:" + U_STAR_U_HASH + "\nalice:dup";
    Path p = file(before);
    PasswordFile.at(p).withCost(4).writeEntry("alice", utf8("new"));
    String after = Files.readString(p);
    String[] lines = after.split("\n", -1);
    assertEquals("# header\r", lines[0]);
    assertTrue(lines[1].startsWith("alice:$2y$04$"), lines[1]);
    assertEquals("not an entry", lines[2]);
    assertEquals("bob:" + U_STAR_U_HASH, lines[3]);
    assertEquals("", lines[4]);
    assertEquals(5, lines.length, "the later duplicate is dropped");
    assertTrue(PasswordFile.checkPassword(lines[1].substring("alice:".length()), utf8("new")));
  }

  @Test
  void writeEntryAppendsANewUser() throws Exception {
    Path p = file("alice:" + SECRET_HASH);
    PasswordFile.at(p).withCost(4).writeEntry("bob", utf8("pw"));
    List<PasswordFile.Entry> entries = PasswordFile.at(p).read();
    assertEquals(List.of("alice", "bob"), entries.stream().map(PasswordFile.Entry::username).toList());
    assertEquals(SECRET_HASH, entries.get(0).hash());
  }

  // Permissions are POSIX's: these two run on every system but Windows, and there the temporary
  // directory must support them (a file system without them fails the test, it does not pass it).
  @Test
  @DisabledOnOs(OS.WINDOWS)
  void newFilesAreReadableByTheirOwnerOnly() throws Exception {
    Path p = dir.resolve("new-passwords");
    PasswordFile.at(p).withCost(4).writeEntry("alice", utf8("pw"));
    assertTrue(Files.getFileStore(p).supportsFileAttributeView("posix"), dir::toString);
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(p));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void existingFilesKeepTheirPermissions() throws Exception {
    Path p = file("alice:" + SECRET_HASH + "\n");
    assertTrue(Files.getFileStore(p).supportsFileAttributeView("posix"), dir::toString);
    Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(p, perms);
    PasswordFile.at(p).withCost(4).writeEntry("alice", utf8("pw"));
    assertEquals(perms, Files.getPosixFilePermissions(p));
  }

  @Test
  void removeEntryDropsOnlyThatUser() throws Exception {
    Path p = file("alice:" + SECRET_HASH + "\n# c\nbob:" + U_STAR_U_HASH + "\n");
    assertTrue(PasswordFile.at(p).removeEntry("alice"));
    assertFalse(PasswordFile.at(p).removeEntry("alice"));
    assertEquals("# c\nbob:" + U_STAR_U_HASH + "\n", Files.readString(p));
    assertFalse(PasswordFile.at(dir.resolve("missing")).removeEntry("x"));
  }

  @Test
  void badUsernamesCannotBeWritten() {
    PasswordFile file = PasswordFile.at(dir.resolve("passwords")).withCost(4);
    assertThrows(IllegalArgumentException.class, () -> file.writeEntry("a:b", utf8("pw")));
    assertThrows(IllegalArgumentException.class, () -> file.writeEntry("", utf8("pw")));
    assertThrows(IllegalArgumentException.class, () -> file.writeEntry("a\nb", utf8("pw")));
    assertThrows(IllegalArgumentException.class, () -> file.writeEntry(" a", utf8("pw")));
    assertFalse(Files.exists(file.path()));
  }

  @Test
  void passwordsLongerThanBcryptReadsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PasswordFile.hashPassword(new byte[73], 4));
    assertEquals("password: 73 bytes (expected: at most 72, bcrypt ignores the rest)", e.getMessage());
    PasswordFile.hashPassword(new byte[72], 4);
  }

  @Test
  void costIsValidated() {
    assertEquals(PasswordFile.DEFAULT_COST, PasswordFile.at(dir).cost());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PasswordFile.at(dir).withCost(3));
    assertEquals("cost: 3 (expected: 4 to 31)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PasswordFile.at(dir).withCost(32));
  }

  @Test
  void saltsAreFresh() {
    assertNotEquals(PasswordFile.hashPassword(utf8("pw"), 4), PasswordFile.hashPassword(utf8("pw"), 4));
  }

  @Test
  void dummyHashVerifiesNothingUsefulAndIsCachedPerCost() {
    String dummy = PasswordFile.dummyHash(4);
    assertTrue(dummy.startsWith("$2y$04$"));
    assertEquals(dummy, PasswordFile.dummyHash(4));
    assertFalse(PasswordFile.checkPassword(dummy, utf8("")));
  }

  @Test
  void checkPasswordRefusesMalformedHashes() {
    assertThrows(IllegalArgumentException.class, () -> PasswordFile.checkPassword("plain", utf8("plain")));
  }

  @Test
  void missingFileCannotBeRead() {
    assertThrows(UncheckedIOException.class, () -> PasswordFile.at(dir.resolve("missing")).read());
  }
}
