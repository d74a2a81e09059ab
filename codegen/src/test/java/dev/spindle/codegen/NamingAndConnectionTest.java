package dev.spindle.codegen;

import static dev.spindle.codegen.Compiler.assertSucceeded;
import static dev.spindle.codegen.Compiler.compile;
import static dev.spindle.codegen.Compiler.source;
import static dev.spindle.codegen.ExpectedErrors.assertErrors;
import static dev.spindle.codegen.ExpectedErrors.error;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.runtime.CommandSpecs;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Naming policies for wire keys (per command and per package), responders that take their
 * connection, and the generated locator's {@code target()}.
 */
class NamingAndConnectionTest {
  private static final String COMMANDS = """
      package test;

      import dev.spindle.amp.command.*;
      import java.util.List;

      @Command(naming = Naming.SNAKE_CASE)
      record Snake(long plusOne, @Argument(name = "Explicit") long keepMe, String httpURLPort,
          List<Row> someRows) implements Request<Snake.Result> {
        record Result(long grandTotal) {}
      }

      record Row(long rowValue) {}

      @Command
      record Inherits(long plusOne) implements Request<Void> {}

      @Command(naming = Naming.AS_DECLARED)
      record Declared(long plusOne) implements Request<Void> {}
      """;

  private static final JavaFileObject PACKAGE_INFO = source("test.package-info", """
      @CommandNaming(Naming.KEBAB_CASE)
      package test;

      import dev.spindle.amp.command.CommandNaming;
      import dev.spindle.amp.command.Naming;
      """);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CommandSpec<?, ?> spec(CompiledClassLoader classes, String name) {
    return CommandSpecs.of((Class) classes.load(name));
  }

  @SuppressWarnings("unchecked")
  private static List<String> keys(BoxCodec<?> codec, Object value) {
    AmpBox box = new AmpBox();
    ((BoxCodec<Object>) codec).write(value, box);
    return box.keys();
  }

  private static Object newRecord(CompiledClassLoader classes, String name, Object... args)
      throws Exception {
    Constructor<?> ctor = classes.load(name).getDeclaredConstructors()[0];
    ctor.setAccessible(true);
    return ctor.newInstance(args);
  }

  @Test
  void commandsAndPackagesChooseHowJavaNamesBecomeKeys() throws Exception {
    Compilation compilation = compile(source("test.Commands", COMMANDS), PACKAGE_INFO);
    assertSucceeded(compilation);
    CompiledClassLoader classes = new CompiledClassLoader(compilation);

    Object row = newRecord(classes, "test.Row", 7L);
    Object snake = newRecord(classes, "test.Snake", 1L, 2L, "p", List.of(row));
    CommandSpec<?, ?> spec = spec(classes, "test.Snake");
    assertEquals(List.of("Explicit", "http_url_port", "plus_one", "some_rows"),
        keys(spec.arguments(), snake), "the command's policy; an explicit name wins");
    AmpBox rows = new AmpBox();
    @SuppressWarnings("unchecked")
    BoxCodec<Object> arguments = (BoxCodec<Object>) spec.arguments();
    arguments.write(snake, rows);
    assertTrue(new String(rows.get("some_rows"), UTF_8).contains("row_value"),
        "AmpList rows follow their command's policy");
    Object result = newRecord(classes, "test.Snake$Result", 3L);
    assertEquals(List.of("grand_total"), keys(spec.response(), result), "responses too");

    assertEquals(List.of("plus-one"),
        keys(spec(classes, "test.Inherits").arguments(), newRecord(classes, "test.Inherits", 1L)),
        "the package's policy");
    assertEquals(List.of("plusOne"),
        keys(spec(classes, "test.Declared").arguments(), newRecord(classes, "test.Declared", 1L)),
        "AS_DECLARED overrides the package");
  }

  @Test
  void derivedKeysAreCheckedLikeWrittenOnes() {
    JavaFileObject source = source("test.Clash", """
        package test;

        import dev.spindle.amp.command.*;

        @Command(naming = Naming.SNAKE_CASE)
        record Clash(long plusOne, long plus_one) implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("long plus_one",
        "wire name \"plus_one\" of argument plus_one is already the name of argument plusOne;"
            + " keys are unique within a box: change one with @Argument(name = \"...\")"));
  }

  private static final String CONNECTION_RESPONDER = """
      package test;

      import dev.spindle.amp.AmpConnection;
      import dev.spindle.amp.command.*;

      @Command
      record Who() implements Request<Who.Result> {
        record Result(String who) {}
      }

      @Command
      record Plain() implements Request<Void> {}

      public class Session {
        @Responder
        Who.Result who(Who w, AmpConnection connection) {
          return new Who.Result(String.valueOf(connection));
        }
      }

      class SubSession extends Session {
        @Responder
        void plain(Plain p) {}
      }
      """;

  @Test
  void aResponderMayTakeItsConnectionAndItsLocatorIsBuiltPerConnection() throws Exception {
    Compilation compilation = compile(source("test.Session", CONNECTION_RESPONDER));
    assertSucceeded(compilation);
    CompiledClassLoader classes = new CompiledClassLoader(compilation);
    Class<?> session = classes.load("test.Session");
    Object target = session.getConstructor().newInstance();
    Class<?> locatorType = classes.load("test.Session_AmpLocator");
    CommandLocator locator = (CommandLocator)
        locatorType.getConstructor(session, AmpConnection.class).newInstance(target, null);
    assertSame(target, locatorType.getMethod("target").invoke(locator));
    AmpBox answer = locator.locateResponder("Who").respond(new AmpBox())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("null", answer.getString("who"), "the responder got the locator's connection");

    IllegalArgumentException perConnection =
        assertThrows(IllegalArgumentException.class, () -> CommandLocator.of(target));
    assertEquals("test.Session_AmpLocator is built per connection (a @Responder of test.Session"
        + " takes the AmpConnection): use the builder's .locatorFactory(c -> new"
        + " Session_AmpLocator(target, c))", perConnection.getMessage());

    // A subclass's locator passes the connection on to the inherited one.
    Class<?> sub = classes.load("test.SubSession");
    Constructor<?> subConstructor = sub.getDeclaredConstructor();
    subConstructor.setAccessible(true);
    CommandLocator subLocator = (CommandLocator) classes.load("test.SubSession_AmpLocator")
        .getConstructor(sub, AmpConnection.class)
        .newInstance(subConstructor.newInstance(), null);
    assertEquals("null", subLocator.locateResponder("Who").respond(new AmpBox())
        .toCompletableFuture().get(10, TimeUnit.SECONDS).getString("who"));
  }

  @Test
  void otherResponderShapesNameTheAllowedOnesAndLocatorFactory() {
    JavaFileObject source = source("test.Calc", """
        package test;

        import dev.spindle.amp.command.*;

        @Command
        record Reset() implements Request<Void> {}

        class Calc {
          @Responder
          void reset(Reset r, String extra) {}
        }
        """);
    assertErrors(compile(source), source, error("String extra",
        "@Responder method reset takes 2 parameters (test.Reset, java.lang.String); it must take"
            + " the @Command it answers, optionally followed by the AmpConnection it arrived on:"
            + " R reset(MyCommand command) or R reset(MyCommand command, AmpConnection"
            + " connection). For other per-connection state, build the target per connection:"
            + " .locatorFactory(c -> new Calc_AmpLocator(new Calc(c)))"));
  }

  @Test
  void aListOfAPlainClassSaysHowToMakeItARow() {
    JavaFileObject source = source("test.Shelf", """
        package test;

        import dev.spindle.amp.command.*;
        import java.util.List;

        class Book { long pages; }

        @Command
        record Shelf(List<Book> books) implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("List<Book> books",
        "argument books has type java.util.List<test.Book>, but Book is a class without"
            + " @Argument fields, so it is neither an AMP type nor an AmpList row: make it a"
            + " record or annotate its fields with @Argument"));
  }
}
