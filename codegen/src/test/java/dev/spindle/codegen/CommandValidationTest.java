package dev.spindle.codegen;

import static dev.spindle.codegen.Compiler.compile;
import static dev.spindle.codegen.Compiler.compileRecording;
import static dev.spindle.codegen.Compiler.source;
import static dev.spindle.codegen.ExpectedErrors.assertErrors;
import static dev.spindle.codegen.ExpectedErrors.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.codegen.Compiler.Compiled;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each mistake in a {@code @Command} is a compile error on its element, with rule and fix. */
class CommandValidationTest {
  private static final String IMPORTS = """
      package test;

      import dev.spindle.amp.command.*;
      import java.util.List;
      """;

  private static final String SUPPORTED = ValueTypeNames.SUPPORTED;

  private static JavaFileObject file(String name, String body) {
    return source("test." + name, IMPORTS + body);
  }

  private static void assertGenerated(Compiled compiled, String... names) {
    assertEquals(List.of(names), compiled.generated(), "generated sources");
  }

  // ---- Command names ---------------------------------------------------------------------------

  @Test
  void commandNameMustBeAscii() {
    JavaFileObject source = file("Divide", """
        @Command(name = "Dïvide")
        public record Divide(long a) implements Request<Void> {}
        """);
    Compiled compiled = compileRecording(source);
    assertErrors(compiled.compilation(), source, error("@Command(name",
        "command name \"Dïvide\" of test.Divide is not ASCII; AMP command names are ASCII,"
            + " 1 to 255 bytes: set @Command(name = \"...\")"));
    assertGenerated(compiled);
  }

  @Test
  void defaultCommandNameMustBeAscii() {
    JavaFileObject source = file("Café", """
        @Command
        public record Café() implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("@Command",
        "command name \"Café\" of test.Café is not ASCII; AMP command names are ASCII,"
            + " 1 to 255 bytes: set @Command(name = \"...\")"));
  }

  @Test
  void commandNameMustFitInAKey() {
    JavaFileObject source = file("Long", """
        @Command(name = "%s")
        public record Long() implements Request<Void> {}
        """.formatted("x".repeat(256)));
    assertErrors(compile(source), source, error("@Command(name",
        "command name of test.Long is 256 bytes; AMP command names are ASCII, 1 to 255 bytes:"
            + " set @Command(name = \"...\")"));
  }

  // ---- Command types ---------------------------------------------------------------------------

  @Test
  void commandMustImplementRequest() {
    JavaFileObject source = file("Ping", """
        @Command
        public record Ping() {}
        """);
    assertErrors(compile(source), source, error("record Ping",
        "test.Ping does not implement Request<R>; a @Command names its response type R that way"
            + " (R = Void for an empty answer): add implements Request<...>"));
  }

  @Test
  void responseMustBeARecordOrArgumentClass() {
    JavaFileObject source = file("Echo", """
        @Command
        public record Echo(String text) implements Request<String> {}
        """);
    assertErrors(compile(source), source, error("record Echo",
        "response type java.lang.String of test.Echo is neither Void, a record, nor a class with"
            + " @Argument fields; AMP answers with a box of named values: declare a record for"
            + " them"));
  }

  @Test
  void commandWithoutAnswerMustHaveVoidResponse() {
    JavaFileObject source = file("Notify", """
        @Command(requiresAnswer = false)
        public record Notify(String message) implements Request<Notify.Ack> {
          public record Ack(boolean ok) {}
        }
        """);
    assertErrors(compile(source), source, error("requiresAnswer = false",
        "test.Notify has requiresAnswer = false but response type test.Notify.Ack; a command"
            + " without an answer gets no response values: implement Request<Void>"));
  }

  @Test
  void commandMustBeARecordOrClass() {
    JavaFileObject source = file("Ping", """
        @Command
        public interface Ping extends Request<Void> {}
        """);
    assertErrors(compile(source), source, error("@Command",
        "@Command applies to records and classes, but test.Ping is an interface: declare the"
            + " command as a record"));
  }

  @Test
  void commandMustBeVisibleToItsSerializer() {
    JavaFileObject source = file("Outer", """
        public class Outer {
          @Command
          private record Hidden() implements Request<Void> {}
        }
        """);
    assertErrors(compile(source), source, error("record Hidden",
        "@Command type test.Outer.Hidden is not visible from package test, where the generated"
            + " Outer_Hidden_AmpSerializer constructs it: make it (and the classes around it)"
            + " public, or package-private in that package"));
  }

  @Test
  void commandMustNotBeGeneric() {
    JavaFileObject source = file("Wrap", """
        @Command
        public record Wrap<T>(long a) implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("record Wrap",
        "@Command type test.Wrap has type parameters; AMP types are fixed per command: remove"
            + " them"));
  }

  @Test
  void classCommandMustBeConcrete() {
    JavaFileObject source = file("Ping", """
        @Command
        public abstract class Ping implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("class Ping",
        "@Command type test.Ping is abstract; the generated Ping_AmpSerializer constructs it:"
            + " make it concrete"));
  }

  @Test
  void classCommandMustNotBeInner() {
    JavaFileObject source = file("Outer", """
        public class Outer {
          @Command
          public class Ping implements Request<Void> {}
        }
        """);
    assertErrors(compile(source), source, error("class Ping",
        "@Command type test.Outer.Ping is an inner class; the generated Outer_Ping_AmpSerializer"
            + " constructs it without an outer instance: make it static"));
  }

  @Test
  void classCommandNeedsConstructorTakingArgumentsInOrder() {
    JavaFileObject source = file("Sum", """
        @Command
        public class Sum implements Request<Void> {
          @Argument final long a;
          @Argument final String b;

          Sum(String b, long a) {
            this.a = a;
            this.b = b;
          }
        }
        """);
    assertErrors(compile(source), source, error("class Sum",
        "test.Sum has no constructor that the generated Sum_AmpSerializer can call with its"
            + " @Argument fields in declaration order (long, java.lang.String): add a non-private"
            + " one"));
  }

  @Test
  void classCommandFieldsMustBeReadable() {
    JavaFileObject source = file("Sum", """
        @Command
        public class Sum implements Request<Void> {
          @Argument private final long a;

          Sum(long a) {
            this.a = a;
          }
        }
        """);
    assertErrors(compile(source), source, error("private final long a",
        "@Argument field a cannot be read by the generated Sum_AmpSerializer: make it non-private"
            + " or add a non-private a() or getA() method"));
  }

  @Test
  void classCommandFieldsMustNotBeStatic() {
    JavaFileObject source = file("Sum", """
        @Command
        public class Sum implements Request<Void> {
          @Argument static long a;

          Sum() {}
        }
        """);
    assertErrors(compile(source), source, error("static long a",
        "@Argument field a is static; arguments are instance fields, read from each command:"
            + " remove static or the annotation"));
  }

  // ---- Argument types --------------------------------------------------------------------------

  @Test
  void unsupportedTypesNameTheFieldAndTheSupportedTypes() {
    JavaFileObject source = file("Tag", """
        @Command
        public record Tag(
            java.util.Map<String, String> labels,
            float weight,
            List<Object> things)
            implements Request<Void> {}
        """);
    assertErrors(compile(source), source,
        error("labels,", "argument labels has unsupported type"
            + " java.util.Map<java.lang.String,java.lang.String>; " + SUPPORTED),
        error("weight,", "argument weight has unsupported type float; " + SUPPORTED),
        error("things)", "argument things has unsupported type"
            + " java.util.List<java.lang.Object>; " + SUPPORTED));
  }

  @Test
  void fileDescriptorsCannotBeSent() {
    JavaFileObject source = file("Pass", """
        @Command
        public record Pass(java.io.FileDescriptor fd) implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("record Pass",
        "argument fd has type java.io.FileDescriptor, but AMP Descriptor arguments need"
            + " file-descriptor passing over UNIX sockets, which the JDK cannot do: send the data"
            + " or a name for it instead"));
  }

  @Test
  void primitivesCannotBeOptional() {
    JavaFileObject source = file("Count", """
        @Command
        public record Count(
            @Argument(optional = true) int count)
            implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("int count",
        "argument count is optional but has primitive type int, which cannot be null: use"
            + " Integer or make it required"));
  }

  @Test
  void ampListCannotBeNestedInListOf() {
    JavaFileObject source = file("Grid", """
        @Command
        public record Grid(
            List<List<Cell>> cells)
            implements Request<Void> {
          public record Cell(long x) {}
        }
        """);
    assertErrors(compile(source), source, error("cells)",
        "argument cells has type java.util.List<java.util.List<test.Grid.Cell>>, an AmpList"
            + " inside a ListOf, which Twisted cannot encode: use List<test.Grid.Cell> or another"
            + " element type"));
  }

  @Test
  void customTypeMustConvertTheArgumentsType() {
    JavaFileObject source = file("Paint", """
        @Command
        public record Paint(
            @Argument(type = Paint.Hex.class) long color)
            implements Request<Void> {
          public static final class Hex implements ArgumentType<String> {
            public byte[] toBytes(String value) { return value.getBytes(); }
            public String fromBytes(byte[] bytes) { return new String(bytes); }
          }
        }
        """);
    assertErrors(compile(source), source, error("long color",
        "@Argument(type = Hex.class) on argument color: test.Paint.Hex must implement"
            + " ArgumentType<java.lang.Long>, the argument's type"));
  }

  @Test
  void customTypeNeedsPublicNoArgumentConstructor() {
    JavaFileObject source = file("Paint", """
        @Command
        public record Paint(
            @Argument(type = Paint.Hex.class) String color)
            implements Request<Void> {
          public static final class Hex implements ArgumentType<String> {
            Hex(int radix) {}
            public byte[] toBytes(String value) { return value.getBytes(); }
            public String fromBytes(byte[] bytes) { return new String(bytes); }
          }
        }
        """);
    assertErrors(compile(source), source, error("String color",
        "@Argument(type = Hex.class) on argument color: test.Paint.Hex needs a public"
            + " no-argument constructor, and must be a concrete static class that the generated"
            + " Paint_AmpSerializer can see: it creates one instance"));
  }

  // ---- Wire names ------------------------------------------------------------------------------

  @Test
  void wireNamesMustNotStartWithUnderscore() {
    JavaFileObject source = file("Sneaky", """
        @Command
        public record Sneaky(
            @Argument(name = "_ask") String ask,
            String _command)
            implements Request<Void> {}
        """);
    assertErrors(compile(source), source,
        error("String ask,", "wire name \"_ask\" of argument ask starts with '_', which AMP"
            + " reserves for protocol keys such as _ask and _command: change @Argument(name = ...)"
            + " to a name without a leading '_'"),
        error("_command)", "wire name \"_command\" of argument _command starts with '_', which AMP"
            + " reserves for protocol keys such as _ask and _command: set @Argument(name = \"...\")"
            + " to a name without a leading '_'"));
  }

  @Test
  void wireNamesMustBeAscii() {
    JavaFileObject source = file("Greet", """
        @Command
        public record Greet(
            @Argument(name = "prénom") String firstName,
            String café)
            implements Request<Void> {}
        """);
    assertErrors(compile(source), source,
        error("firstName,", "wire name \"prénom\" of argument firstName is not ASCII; AMP keys"
            + " are ASCII, 1 to 255 bytes: change @Argument(name = ...)"),
        error("café)", "wire name \"café\" of argument café is not ASCII; AMP keys are ASCII,"
            + " 1 to 255 bytes: set @Argument(name = \"...\")"));
  }

  @Test
  void wireNamesMustFitInAKey() {
    JavaFileObject source = file("Wide", """
        @Command
        public record Wide(
            @Argument(name = "%s") String text)
            implements Request<Void> {}
        """.formatted("k".repeat(256)));
    assertErrors(compile(source), source, error("String text",
        "wire name of argument text is 256 bytes; AMP keys are ASCII, 1 to 255 bytes: change"
            + " @Argument(name = ...)"));
  }

  @Test
  void wireNamesMustBeUniqueInABox() {
    JavaFileObject source = file("Move", """
        @Command
        public record Move(
            long from,
            @Argument(name = "from") long start)
            implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("long start",
        "wire name \"from\" of argument start is already the name of argument from; keys are"
            + " unique within a box: change one with @Argument(name = \"...\")"));
  }

  // ---- Response and row types ------------------------------------------------------------------

  @Test
  void mistakesInResponseAndRowTypesAreReportedOnTheirComponents() {
    JavaFileObject source = file("Query", """
        @Command
        public record Query(List<Query.Row> rows) implements Request<Query.Result> {
          public record Row(
              Object cell) {}

          public record Result(
              char grade) {}
        }
        """);
    Compiled compiled = compileRecording(source);
    assertErrors(compiled.compilation(), source,
        error("Object cell", "argument cell has unsupported type java.lang.Object; " + SUPPORTED),
        error("char grade", "argument grade has unsupported type char; " + SUPPORTED));
    assertGenerated(compiled);
  }

  @Test
  void aRowTypeUsedByTwoCommandsIsReportedOnce() {
    JavaFileObject source = file("Shared", """
        public class Shared {
          public record Row(
              Object cell) {}

          @Command
          public record First(List<Row> rows) implements Request<Void> {}

          @Command
          public record Second(List<Row> rows) implements Request<Void> {}
        }
        """);
    assertErrors(compile(source), source,
        error("Object cell", "argument cell has unsupported type java.lang.Object; " + SUPPORTED));
  }

  // ---- Error codes -----------------------------------------------------------------------------

  @Test
  void errorCodesMustBeNonEmptyAsciiAndShort() {
    JavaFileObject source = file("Risky", """
        @Command(
            errors = {
              @ErrorCode(type = IllegalStateException.class),
              @ErrorCode(code = "ÄRGER", type = IllegalArgumentException.class),
            },
            fatalErrors = @ErrorCode(code = "%s", type = ArithmeticException.class))
        public record Risky() implements Request<Void> {}
        """.formatted("E".repeat(256)));
    assertErrors(compile(source), source,
        error("IllegalStateException", "error code for java.lang.IllegalStateException is empty;"
            + " AMP error codes are ASCII, 1 to 255 bytes: set @ErrorCode(code = \"...\")"),
        error("ÄRGER", "error code \"ÄRGER\" for java.lang.IllegalArgumentException is not ASCII;"
            + " AMP error codes are ASCII, 1 to 255 bytes: set @ErrorCode(code = \"...\")"),
        error("fatalErrors", "error code for java.lang.ArithmeticException is 256 bytes;"
            + " AMP error codes are ASCII, 1 to 255 bytes: set @ErrorCode(code = \"...\")"));
  }

  @Test
  void errorCodesMustBeUnique() {
    JavaFileObject source = file("Risky", """
        @Command(
            errors = @ErrorCode(code = "BAD", type = IllegalStateException.class),
            fatalErrors = @ErrorCode(code = "BAD", type = IllegalArgumentException.class))
        public record Risky() implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("fatalErrors",
        "error code \"BAD\" is declared twice; a caller maps each code back to one exception"
            + " type: use another code for java.lang.IllegalArgumentException"));
  }

  @Test
  void errorTypesNeedAPublicStringConstructor() {
    JavaFileObject source = file("Risky", """
        @Command(errors = @ErrorCode(code = "BAD", type = Risky.Bad.class))
        public record Risky() implements Request<Void> {
          public static class Bad extends RuntimeException {
            private static final long serialVersionUID = 1L;

            public Bad(int code) {}
          }
        }
        """);
    assertErrors(compile(source), source, error("@Command",
        "test.Risky.Bad has no public constructor taking one String that the generated"
            + " Risky_AmpSerializer can call; a caller rebuilds the exception from the error"
            + " description with new Bad(description): add one"));
  }

  @Test
  void errorTypesMustBeExceptions() {
    JavaFileObject source = file("Risky", """
        @Command(fatalErrors = @ErrorCode(code = "OOM", type = OutOfMemoryError.class))
        public record Risky() implements Request<Void> {}
        """);
    assertErrors(compile(source), source, error("@Command",
        "java.lang.OutOfMemoryError is not an Exception; a caller rebuilds declared errors as"
            + " Exceptions (CommandSpec.declaredException): declare an Exception type instead"));
  }

  // ---- Generated names and the whole build -----------------------------------------------------

  @Test
  void generatedNamesMustNotClash() {
    JavaFileObject source = file("Foo", """
        public class Foo {
          @Command
          public record Bar() implements Request<Void> {}
        }

        @Command
        record Foo_Bar() implements Request<Void> {}
        """);
    Compiled compiled = compileRecording(source);
    assertErrors(compiled.compilation(), source,
        error("record Bar()", "the generated class test.Foo_Bar_AmpSerializer for test.Foo.Bar"
            + " would have the same name as the one for test.Foo_Bar: rename one of the two"),
        error("record Foo_Bar()", "the generated class test.Foo_Bar_AmpSerializer for"
            + " test.Foo_Bar would have the same name as the one for test.Foo.Bar: rename one of"
            + " the two"));
    assertGenerated(compiled);
  }

  @Test
  void oneBuildReportsEveryMistakeAndGeneratesTheValidCommands() {
    JavaFileObject source = file("Mixed", """
        public class Mixed {
          @Command
          public record Good(long a) implements Request<Void> {}

          @Command(name = "Bäd", errors = @ErrorCode(type = IllegalStateException.class))
          public record Bad(
              Object what,
              @Argument(optional = true) long count)
              implements Request<Void> {}
        }
        """);
    Compiled compiled = compileRecording(source);
    assertErrors(compiled.compilation(), source,
        error("name = \"Bäd\"", "command name \"Bäd\" of test.Mixed.Bad is not"
            + " ASCII; AMP command names are ASCII, 1 to 255 bytes: set @Command(name = \"...\")"),
        error("name = \"Bäd\"", "error code for java.lang.IllegalStateException is empty; AMP"
            + " error codes are ASCII, 1 to 255 bytes: set @ErrorCode(code = \"...\")"),
        error("Object what", "argument what has unsupported type java.lang.Object; " + SUPPORTED),
        error("long count", "argument count is optional but has primitive type long, which"
            + " cannot be null: use Long or make it required"));
    assertGenerated(compiled, "test.Mixed_Good_AmpSerializer");
  }
}
