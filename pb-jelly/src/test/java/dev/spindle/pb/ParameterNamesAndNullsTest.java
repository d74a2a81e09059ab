package dev.spindle.pb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.LogCapture;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote method whose class was compiled without {@code javac -parameters} says so when a
 * keyword argument cannot bind; {@code callRemote("m", null)} sends one None.
 */
@LeakChecked
class ParameterNamesAndNullsTest {
  /** Records what each call received. */
  public static final class Recorder implements Referenceable {
    final List<Object> seen = new ArrayList<>();

    public int remote_count(Object... args) {
      seen.add(args == null ? null : Arrays.asList(args));
      return args.length;
    }

    public Object remote_one(Object x) {
      seen.add(x);
      return x;
    }
  }

  @Test
  void aNullArgumentArrayIsOneNone() {
    Recorder recorder = new Recorder();
    try (EmbeddedPair pair = new EmbeddedPair(recorder)) {
      RemoteReference root = pair.root();
      CompletableFuture<Object> one = root.callRemote("one", null);
      CompletableFuture<Object> count = root.callRemote("count", null);
      CompletableFuture<Long> typed = root.callRemote(Long.class, "count", null);
      CompletableFuture<Void> noAnswer = root.callRemoteNoAnswer("one", null);
      pair.pump();
      assertEquals(null, one.join());
      assertEquals(1L, count.join());
      assertEquals(1L, typed.join());
      noAnswer.join();
      assertEquals(Arrays.asList(null, Arrays.asList((Object) null), Arrays.asList((Object) null),
          null), recorder.seen);
      assertEquals(Tuple.of((Object) null), Tuple.of((Object[]) null));
    }
  }

  @Test
  void keywordsForAClassCompiledWithoutParametersNameTheFix(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("src/nonames/Calc.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package nonames;

        public final class Calc implements dev.spindle.pb.flavors.Referenceable {
          public long remote_add(long a, long b) { return a + b; }
        }
        """, UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String classpath = Path.of(Referenceable.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).toString();
    // javax.tools through reflection: this test module does not read java.compiler.
    Object javac = Class.forName("javax.tools.ToolProvider")
        .getMethod("getSystemJavaCompiler").invoke(null);
    // Deliberately without -parameters, as a user's build without it.
    int status = (int) Class.forName("javax.tools.Tool")
        .getMethod("run", java.io.InputStream.class, java.io.OutputStream.class,
            java.io.OutputStream.class, String[].class)
        .invoke(javac, null, null, null, new String[] {"-d", classes.toString(), "-classpath",
            classpath, "-proc:none", source.toString()});
    assertEquals(0, status, "javac");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
            getClass().getClassLoader());
        LogCapture log = LogCapture.start();
        EmbeddedPair pair = new EmbeddedPair(
            loader.loadClass("nonames.Calc").getConstructor().newInstance())) {
      RemoteReference root = pair.root();
      CompletableFuture<Object> positional = root.callRemote("add", 1, 2);
      CompletableFuture<Object> keywords =
          root.callRemoteWithKeywords("add", List.of(1), Map.of("b", 2));
      CompletableFuture<Object> again =
          root.callRemoteWithKeywords("add", List.of(1), Map.of("b", 2));
      pair.pump();
      assertEquals(3L, positional.join(), "positional calls need no names");
      RemotePbException e = assertInstanceOf(RemotePbException.class,
          assertThrows(CompletionException.class, keywords::join).getCause());
      assertEquals("builtins.TypeError", e.typeName());
      assertEquals("Calc.remote_add() got an unexpected keyword argument 'b' (its class was"
          + " compiled without javac -parameters, so its parameter names are unknown and keywords"
          + " cannot bind: compile it with -parameters, in Maven"
          + " <maven.compiler.parameters>true</maven.compiler.parameters>, or take a @Keywords"
          + " map)", e.value());
      assertThrows(CompletionException.class, again::join);
      assertEquals(1, log.linesContaining("was called with keyword argument 'b' but its class"
          + " was compiled without javac -parameters").size(), "the server's log says it once:\n"
          + log.text());
    }
  }
}
