package dev.spindle.usertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Builds {@code user-tests/project}, a user's Maven project outside the reactor, against the
 * artifacts this build has just packaged, and runs its tests: the BOM import resolves, javac picks
 * the annotation processor up from the {@code spindle-codegen} dependency, an AMP command is
 * answered by its generated locator and a PB client logs in with a password.
 *
 * <p>The artifacts are installed into a repository inside {@code target/} (never the user's
 * {@code ~/.m2}); third-party artifacts and plugins come from this build's own local repository,
 * used as the only remote repository (a {@code file:} mirror), so the build needs no network.
 */
class ConsumerProjectIT {
  private static final long TIMEOUT_MINUTES = 5;

  /** Published modules: directory and artifact id. */
  private static final List<String[]> PUBLISHED = List.of(
      new String[] {"transport", "spindle-transport"},
      new String[] {"amp-core", "spindle-amp-core"},
      new String[] {"codegen", "spindle-codegen"},
      new String[] {"amp-auth", "spindle-amp-auth"},
      new String[] {"pb-jelly", "spindle-pb-jelly"},
      new String[] {"cred", "spindle-cred"},
      new String[] {"cli", "spindle-cli"});

  private final Path root = Paths.get(property("spindle.root")).toAbsolutePath().normalize();
  private final String version = property("spindle.version");
  private final Path work = Paths.get(property("spindle.work")).toAbsolutePath();

  @Test
  void userProjectBuildsAndRunsAgainstTheArtifacts() throws Exception {
    deleteTree(work);
    Path repo = work.resolve("repository");
    Path project = work.resolve("project");
    install(repo);
    copyProject(root.resolve("user-tests/project"), project);
    Path settings = work.resolve("settings.xml");
    Files.writeString(settings, settings(Paths.get(property("spindle.buildRepository"))));

    Path log = work.resolve("build.log");
    Process mvn = new ProcessBuilder(
            Paths.get(property("spindle.mavenHome"), "bin", "mvn").toString(),
            "-B", "-ntp", "-s", settings.toString(), "-Dmaven.repo.local=" + repo, "test")
        .directory(project.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!mvn.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      mvn.destroyForcibly();
      throw new AssertionError("the consumer build took over " + TIMEOUT_MINUTES + " minutes; see " + log);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, mvn.exitValue(), () -> "the consumer build failed (" + log + "):\n" + tail(out));
    assertTrue(Files.exists(project.resolve("target/generated-sources/annotations/com/example/consumer/Adder_AmpLocator.java")),
        "the processor did not run");
    assertTrue(out.contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), () -> tail(out));
  }

  /** Lays each published module's jar and POM out as {@code mvn install} would. */
  private void install(Path repo) throws IOException {
    put(repo, "spindle-parent", "pom", root.resolve("pom.xml"));
    put(repo, "spindle-bom", "pom", root.resolve("bom/pom.xml"));
    for (String[] m : PUBLISHED) {
      Path jar = root.resolve(m[0]).resolve("target").resolve(m[1] + "-" + version + ".jar");
      assertTrue(Files.exists(jar), () -> jar + " is missing: run this test in the verify phase");
      put(repo, m[1], "jar", jar);
      put(repo, m[1], "pom", root.resolve(m[0]).resolve("pom.xml"));
    }
  }

  private void put(Path repo, String artifactId, String extension, Path file) throws IOException {
    Path dir = repo.resolve("dev/spindle").resolve(artifactId).resolve(version);
    Files.createDirectories(dir);
    Files.copy(file, dir.resolve(artifactId + "-" + version + "." + extension), StandardCopyOption.REPLACE_EXISTING);
  }

  private void copyProject(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (f.getFileName().toString().equals("pom.xml")) {
          Files.writeString(target, Files.readString(f)
              .replace("@spindle.version@", version)
              .replace("@junit.version@", property("spindle.junitVersion")));
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /** Every repository, plugins' included, is this build's local repository. */
  private static String settings(Path buildRepository) {
    return "<settings>\n"
        + "  <mirrors>\n"
        + "    <mirror>\n"
        + "      <id>build-repository</id>\n"
        + "      <mirrorOf>*</mirrorOf>\n"
        + "      <url>" + buildRepository.toUri() + "</url>\n"
        + "    </mirror>\n"
        + "  </mirrors>\n"
        + "</settings>\n";
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set (run through Maven: mvn verify)");
    }
    return value;
  }

  private static String tail(String s) {
    return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
