package dev.spindle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spindle.cli.demo.DemoServers;
import dev.spindle.testing.LeakChecked;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every {@code $ ./spindle ...} transcript in README.md and docs/*.md, run against {@code spindle
 * serve-demo}'s servers: each must print what the documentation shows after it (stdout lines, or
 * one line marked {@code (stderr; exit status N)}). The documented ports 1234, 8787 and 8800 are
 * mapped to the servers' free ports. {@code dump} and {@code hashpw} transcripts read files or a
 * terminal and are left to their own tests.
 */
@LeakChecked
@Timeout(120)
class ReadmeExamplesTest {
  private static final Pattern STDERR = Pattern.compile("^(.*?)\\s+\\(stderr; exit status (\\d+)\\)$");
  private static final Pattern ADDRESS = Pattern.compile("^(127\\.0\\.0\\.1|localhost):(1234|8787|8800)$");
  private static DemoServers servers;

  @BeforeAll
  static void start() {
    servers = DemoServers.start("127.0.0.1", 0, 0, 0);
  }

  @AfterAll
  static void stop() {
    servers.close();
  }

  /** One documented command and what it prints. */
  record Transcript(String source, String command, List<String> output) {}

  @TestFactory
  Stream<DynamicTest> documentedCommandsPrintWhatTheDocsShow() throws IOException {
    List<Transcript> all = new ArrayList<>();
    Path root = Paths.get(System.getProperty("spindle.root", "..")).toAbsolutePath().normalize();
    List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    for (Path doc : docs) {
      all.addAll(transcripts(root.relativize(doc).toString(), Files.readAllLines(doc, StandardCharsets.UTF_8)));
    }
    List<Transcript> runnable = all.stream()
        .filter(t -> !t.command().matches("(\\S+=\\S+ )*\\./spindle (dump|hashpw)\\b.*"))
        .toList();
    assertFalse(runnable.isEmpty(), "no '$ ./spindle' transcripts found in " + docs);
    return runnable.stream().map(t -> DynamicTest.dynamicTest(t.source() + ": " + t.command(), () -> check(t)));
  }

  private void check(Transcript t) {
    List<String> words = Shell.words(t.command());
    Map<String, String> env = new HashMap<>();
    while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
      String w = words.remove(0);
      env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
    }
    assertEquals("./spindle", words.remove(0), t::command);
    for (int i = 0; i < words.size(); i++) {
      Matcher m = ADDRESS.matcher(words.get(i));
      if (m.matches()) {
        words.set(i, "127.0.0.1:" + port(Integer.parseInt(m.group(2))));
      }
    }
    Cli.Result r = Cli.run(env, new byte[0], null, words.toArray(new String[0]));
    StringBuilder out = new StringBuilder();
    String err = "";
    int exit = 0;
    for (String line : t.output()) {
      Matcher m = STDERR.matcher(line);
      if (m.matches()) {
        err = m.group(1) + "\n";
        exit = Integer.parseInt(m.group(2));
      } else {
        out.append(line).append('\n');
      }
    }
    assertEquals(exit + "\n" + out + "--- stderr\n" + err, r.exit() + "\n" + r.out() + "--- stderr\n" + r.err(),
        t.source() + ": " + t.command());
  }

  private static int port(int documented) {
    switch (documented) {
      case DemoServers.AMP_PORT:
        return servers.ampPort();
      case DemoServers.PB_PORT:
        return servers.pbPort();
      default:
        return servers.loginPort();
    }
  }

  /** The {@code $ ./spindle} lines of the fenced blocks, each with the lines up to the next blank or {@code $}. */
  static List<Transcript> transcripts(String source, List<String> lines) {
    List<Transcript> found = new ArrayList<>();
    boolean inBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.trim().startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock || !line.matches("\\$ (\\S+=\\S+ )*\\./spindle .*")) {
        continue;
      }
      String command = Shell.stripComment(line.substring(2)).trim();
      List<String> output = new ArrayList<>();
      for (int j = i + 1; j < lines.size(); j++) {
        String next = lines.get(j);
        if (next.isBlank() || next.startsWith("$ ") || next.trim().startsWith("```")) {
          break;
        }
        output.add(next);
      }
      found.add(new Transcript(source + ":" + (i + 1), command, output));
    }
    return found;
  }

  /** Just enough of the shell's word splitting for the documented commands. */
  static final class Shell {
    private Shell() {}

    static String stripComment(String line) {
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
          return line.substring(0, i);
        }
      }
      return line;
    }

    static List<String> words(String line) {
      List<String> words = new ArrayList<>();
      StringBuilder w = null;
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else if (c == '\\' && quote == '"' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            w.append(line.charAt(++i));
          } else {
            w.append(c);
          }
        } else if (Character.isWhitespace(c)) {
          if (w != null) {
            words.add(w.toString());
            w = null;
          }
        } else {
          w = w == null ? new StringBuilder() : w;
          if (c == '\'' || c == '"') {
            quote = c;
          } else if (c == '\\' && i + 1 < line.length()) {
            w.append(line.charAt(++i));
          } else {
            w.append(c);
          }
        }
      }
      if (w != null) {
        words.add(w.toString());
      }
      return words;
    }
  }
}
