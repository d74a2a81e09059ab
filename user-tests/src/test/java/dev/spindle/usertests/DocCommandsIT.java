package dev.spindle.usertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every shell command that README.md, examples/README.md and docs/*.md show, so that none can
 * rot: the lines of fenced blocks marked {@code ```sh} (or {@code bash}, {@code shell}), the
 * {@code $ }-prompted lines of {@code ```console} blocks, and the inline code spans of table rows
 * that start with {@code examples/run} or {@code /usr/bin/python3} (the examples' tables). Blocks without a shell mark ({@code ```}, {@code ```text},
 * {@code ```java}, ...) are not run.
 *
 * <p>Each command runs in a cheap form, from the repository root, and must exit 0:
 *
 * <ul>
 *   <li>{@code ./spindle COMMAND ...} as {@code java -jar cli/target/spindle.jar COMMAND --help}
 *       (the jar this build packaged); {@code --help} and {@code --version} lines as they are.
 *       What the calls print is checked by cli's {@code ReadmeExamplesTest} against {@code
 *       spindle serve-demo};
 *   <li>{@code examples/run NAME ...} as {@code examples/run --dry-run NAME ...} (the example
 *       exists; nothing is built);
 *   <li>{@code mvn OPTIONS GOALS} as {@code mvn -o -q OPTIONS validate} (the project, profiles
 *       and options load; nothing is built);
 *   <li>scripts of the repository ({@code ./run-tests}, {@code benchmarks/bench}, ...) as {@code
 *       bash -n}, or parsed by Python when their first line names it; {@code /usr/bin/python3
 *       SCRIPT.py ...} as {@code py_compile};
 *   <li>{@code git clone} and {@code cd}: not run (reported as skipped, with the reason).
 * </ul>
 *
 * A command with no known cheap form fails: add a rule here or mark its block otherwise.
 */
class DocCommandsIT {
  private static final long TIMEOUT_SECONDS = 180;

  private final Path root = Paths.get(property("spindle.root")).toAbsolutePath().normalize();

  /** One documented command. */
  record Command(String source, String line) {}

  @TestFactory
  Stream<DynamicTest> everyDocumentedCommandRuns() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("examples/README.md")));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    List<Command> commands = new ArrayList<>();
    for (Path doc : docs) {
      commands.addAll(commands(root.relativize(doc).toString(), Files.readAllLines(doc, StandardCharsets.UTF_8)));
    }
    assertFalse(commands.isEmpty(), "no runnable commands found in " + docs);
    return commands.stream().map(c -> DynamicTest.dynamicTest(c.source() + ": " + c.line(), () -> run(c)));
  }

  private void run(Command c) throws Exception {
    for (String part : Shell.split(c.line())) {
      String cheap = cheapForm(part);
      Path log = Files.createTempFile("doc-command", ".log");
      try {
        Process p = new ProcessBuilder("bash", "-c", cheap)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError(c.source() + ": `" + cheap + "` took over " + TIMEOUT_SECONDS + " s");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(),
            () -> c.source() + ": `" + part + "` checked as `" + cheap + "` failed:\n" + out);
      } finally {
        Files.deleteIfExists(log);
      }
    }
  }

  /** The command to run for one simple command (no {@code &&}, {@code |} or {@code ;}). */
  String cheapForm(String command) {
    List<String> words = Shell.words(command);
    List<String> env = new ArrayList<>();
    while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      env.add(Shell.quote(words.remove(0)));
    }
    String prefix = env.isEmpty() ? "" : String.join(" ", env) + " ";
    if (words.isEmpty()) {
      return "true";
    }
    String head = words.get(0);
    List<String> rest = words.subList(1, words.size());
    if (head.equals("java") && rest.size() >= 2 && rest.get(0).equals("-jar") && rest.get(1).endsWith("spindle.jar")) {
      head = "./spindle";
      rest = rest.subList(2, rest.size());
    }
    switch (head) {
      case "./spindle":
      case "spindle": {
        String jar = Shell.quote(root.resolve("cli/target/spindle.jar").toString());
        List<String> args = new ArrayList<>(rest);
        while (!args.isEmpty() && (args.get(0).equals("-v") || args.get(0).equals("--verbose"))) {
          args.remove(0);
        }
        if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.get(0).equals("--version")
            || args.get(0).equals("help") || args.get(0).equals("version")) {
          return prefix + "java -jar " + jar + " " + Shell.join(rest);
        }
        List<String> sub = new ArrayList<>();
        for (String a : args) {
          if (!a.matches("[a-z][a-z-]*")) {
            break;
          }
          sub.add(a);
          if (!a.equals("amp") && !a.equals("pb")) {
            break;
          }
        }
        return "java -jar " + jar + " " + Shell.join(sub) + " --help";
      }
      case "examples/run":
        if (!rest.isEmpty() && rest.get(0).startsWith("--")) {
          return prefix + "examples/run " + Shell.join(rest);
        }
        return prefix + "examples/run --dry-run " + Shell.join(rest);
      case "mvn": {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
          String w = rest.get(i);
          if (w.startsWith("-")) {
            options.add(w);
            if (w.matches("-(pl|f|s|rf|P|T|b|D)") && i + 1 < rest.size()) {
              options.add(rest.get(++i));
            }
          }
        }
        return prefix + "mvn -o -q -B -Dmaven.repo.local=" + Shell.quote(property("spindle.buildRepository"))
            + " " + Shell.join(options) + " validate";
      }
      case "git":
      case "cd":
        Assumptions.abort("`" + command + "` is not run (it needs the network or changes the directory)");
        return "true";
      default:
        break;
    }
    if (head.equals("/usr/bin/python3") || head.equals("python3")) {
      String script = rest.stream().filter(w -> w.endsWith(".py")).findFirst()
          .orElseThrow(() -> new AssertionError("no script in `" + command + "`"));
      return "/usr/bin/python3 -m py_compile " + Shell.quote(script) + " && rm -rf "
          + Shell.quote(Paths.get(script).resolveSibling("__pycache__").toString());
    }
    if (!head.contains("/") || !Files.isRegularFile(root.resolve(head))) {
      throw new AssertionError("no cheap form known for `" + command + "`: add one to DocCommandsIT, or mark"
          + " its block as not runnable (```text)");
    }
    String shebang;
    try (Stream<String> firstLines = Files.lines(root.resolve(head))) {
      shebang = firstLines.findFirst().orElse("");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (shebang.contains("python")) {
      return "/usr/bin/python3 -c " + Shell.quote("import ast,sys; ast.parse(open(sys.argv[1]).read())") + " "
          + Shell.quote(head);
    }
    return "bash -n " + Shell.quote(head);
  }

  /** The runnable commands of one Markdown file. */
  static List<Command> commands(String source, List<String> lines) {
    List<Command> found = new ArrayList<>();
    String block = null;
    StringBuilder pending = null;
    int pendingLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.trim();
      if (trimmed.startsWith("```")) {
        block = block == null ? trimmed.substring(3).trim().toLowerCase(java.util.Locale.ROOT) : null;
        continue;
      }
      if (block == null) {
        if (!trimmed.startsWith("|")) {
          continue;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`((?:examples/run|/usr/bin/python3) [^`]+)`").matcher(line);
        while (m.find()) {
          found.add(new Command(source + ":" + (i + 1), m.group(1)));
        }
        continue;
      }
      boolean shell = block.equals("sh") || block.equals("bash") || block.equals("shell");
      boolean console = block.equals("console");
      if (!shell && !console) {
        continue;
      }
      String text = trimmed;
      if (pending == null) {
        if (console) {
          if (!text.startsWith("$ ")) {
            continue;
          }
          text = text.substring(2);
        } else if (text.startsWith("$ ")) {
          text = text.substring(2);
        }
        text = Shell.stripComment(text).trim();
        if (text.isEmpty()) {
          continue;
        }
        pending = new StringBuilder();
        pendingLine = i + 1;
      } else {
        text = Shell.stripComment(text).trim();
      }
      if (text.endsWith("\\")) {
        pending.append(text, 0, text.length() - 1).append(' ');
        continue;
      }
      pending.append(text);
      found.add(new Command(source + ":" + pendingLine, pending.toString().trim()));
      pending = null;
    }
    return found;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set (run through Maven: mvn verify)");
    }
    return value;
  }

  /** Just enough of the shell for documented commands: comments, words, lists. */
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

    /** The simple commands of a list: split at unquoted {@code &&}, {@code ||}, {@code ;}, {@code |}, {@code &}. */
    static List<String> split(String line) {
      List<String> parts = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      char quote = 0;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
          cur.append(c);
        } else if (c == '\'' || c == '"') {
          quote = c;
          cur.append(c);
        } else if (c == ';' || c == '|' || c == '&') {
          if (i + 1 < line.length() && line.charAt(i + 1) == c) {
            i++;
          }
          parts.add(cur.toString().trim());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      parts.add(cur.toString().trim());
      return parts.stream().filter(s -> !s.isEmpty()).collect(Collectors.toList());
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

    static String quote(String word) {
      return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    static String join(List<String> words) {
      return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
  }
}
