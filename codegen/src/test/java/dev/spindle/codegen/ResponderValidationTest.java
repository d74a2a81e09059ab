package dev.spindle.codegen;

import static dev.spindle.codegen.Compiler.compileRecording;
import static dev.spindle.codegen.Compiler.source;
import static dev.spindle.codegen.ExpectedErrors.assertErrors;
import static dev.spindle.codegen.ExpectedErrors.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.codegen.Compiler.Compiled;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each mistake in a {@code @Responder} method is a compile error on the method. */
class ResponderValidationTest {
  private static final String COMMANDS = """
      package test;

      import dev.spindle.amp.command.*;
      import java.util.concurrent.*;

      @Command
      record Divide(long numerator, long denominator) implements Request<Divide.Result> {
        record Result(double result) {}
      }

      @Command(name = "divide")
      record DivideAgain(long numerator, long denominator) implements Request<Divide.Result> {}

      @Command
      record Reset() implements Request<Void> {}

      """;

  private static JavaFileObject responders(String body) {
    return source("test.Commands", COMMANDS + body);
  }

  private static Compiled compileAndCheckSerializers(JavaFileObject source) {
    Compiled compiled = compileRecording(source);
    assertEquals(
        List.of("test.Divide_AmpSerializer", "test.DivideAgain_AmpSerializer",
            "test.Reset_AmpSerializer"),
        compiled.generated(),
        "only the serializers are generated");
    return compiled;
  }

  @Test
  void respondersMustNotBePrivate() {
    JavaFileObject source = responders("""
        class Calculator {
          @Responder
          private Divide.Result divide(Divide d) { return null; }
        }
        """);
    assertErrors(compileAndCheckSerializers(source).compilation(), source,
        error("private Divide.Result", "@Responder method divide is private; the generated"
            + " Calculator_AmpLocator calls it: make it at least package-private"));
  }

  @Test
  void respondersMustNotBeStatic() {
    JavaFileObject source = responders("""
        class Calculator {
          @Responder
          static Divide.Result divide(Divide d) { return null; }
        }
        """);
    assertErrors(compileAndCheckSerializers(source).compilation(), source,
        error("static Divide.Result", "@Responder method divide is static; responders are"
            + " instance methods of the object passed to Calculator_AmpLocator: remove static"));
  }

  @Test
  void respondersTakeExactlyOneParameter() {
    JavaFileObject source = responders("""
        class Calculator {
          @Responder
          Divide.Result divide(Divide d, long scale) { return null; }

          @Responder
          void reset() {}
        }
        """);
    assertErrors(compileAndCheckSerializers(source).compilation(), source,
        error("long scale", "@Responder method divide takes 2 parameters (test.Divide, long);"
            + " it must take the @Command it answers, optionally followed by the AmpConnection it"
            + " arrived on: R divide(MyCommand command) or R divide(MyCommand command,"
            + " AmpConnection connection). For other per-connection state, build the target per"
            + " connection: .locatorFactory(c -> new Calculator_AmpLocator(new Calculator(c)))"),
        error("void reset()", "@Responder method reset takes 0 parameters; it must take the"
            + " @Command it answers, optionally followed by the AmpConnection it arrived on:"
            + " R reset(MyCommand command) or R reset(MyCommand command, AmpConnection"
            + " connection). For other per-connection state, build the target per connection:"
            + " .locatorFactory(c -> new Calculator_AmpLocator(new Calculator(c)))"));
  }

  @Test
  void respondersTakeACommand() {
    JavaFileObject source = responders("""
        class Calculator {
          @Responder
          Divide.Result divide(Divide.Result d) { return null; }
        }
        """);
    assertErrors(compileAndCheckSerializers(source).compilation(), source,
        error("Divide.Result d", "@Responder method divide takes test.Divide.Result, which is not"
            + " a @Command type; it must take the @Command it answers"));
  }

  @Test
  void respondersReturnTheResponseOrAStageOfIt() {
    JavaFileObject source = responders("""
        class Calculator {
          @Responder
          double divide(Divide d) { return 0; }

          @Responder
          CompletionStage<String> divideAgain(DivideAgain d) { return null; }

          @Responder
          String reset(Reset r) { return null; }
        }
        """);
    assertErrors(compileAndCheckSerializers(source).compilation(), source,
        error("double divide", "@Responder method divide returns double, but Divide implements"
            + " Request<test.Divide.Result>: return test.Divide.Result or a"
            + " CompletionStage<test.Divide.Result>"),
        error("divideAgain(", "@Responder method divideAgain returns"
            + " java.util.concurrent.CompletionStage<java.lang.String>, but DivideAgain implements"
            + " Request<test.Divide.Result>: return test.Divide.Result or a"
            + " CompletionStage<test.Divide.Result>"),
        error("String reset", "@Responder method reset returns java.lang.String, but Reset"
            + " implements Request<java.lang.Void>: return void, Void or a"
            + " CompletionStage<Void>"));
  }

  @Test
  void voidRespondersNeedAVoidResponse() {
    JavaFileObject source = responders("""
        class Calculator {
          @Responder
          void divide(Divide d) {}
        }
        """);
    assertErrors(compileAndCheckSerializers(source).compilation(), source,
        error("void divide", "@Responder method divide returns void, but Divide implements"
            + " Request<test.Divide.Result>: return test.Divide.Result or a"
            + " CompletionStage<test.Divide.Result>"));
  }

  @Test
  void aClassHasOneResponderPerCommandName() {
    JavaFileObject source = responders("""
        class Calculator {
          @Responder
          Divide.Result divide(Divide d) { return null; }

          @Responder
          CompletableFuture<Divide.Result> divideLater(Divide d) { return null; }

          @Responder
          Divide.Result divideAgain(DivideAgain d) { return null; }
        }
        """);
    assertErrors(compileAndCheckSerializers(source).compilation(), source,
        error("divideLater(", "@Responder method divideLater answers command \"Divide\", which"
            + " divide already answers; a class has one responder per command name: remove one"));
  }

  @Test
  void responderClassMustBeVisible() {
    JavaFileObject source = responders("""
        class Outer {
          private static class Calculator {
            @Responder
            Divide.Result divide(Divide d) { return null; }
          }
        }
        """);
    assertErrors(compileAndCheckSerializers(source).compilation(), source,
        error("class Calculator", "test.Outer.Calculator is private; the generated"
            + " Outer_Calculator_AmpLocator beside it must name it: make it (and the classes"
            + " around it) at least package-private"));
  }

  @Test
  void validRespondersCompile() {
    JavaFileObject source = responders("""
        class Calculator {
          @Responder
          Divide.Result divide(Divide d) { return null; }

          @Responder
          CompletableFuture<Divide.Result> divideAgain(DivideAgain d) throws Exception {
            return null;
          }

          @Responder
          Void reset(Reset r) { return null; }
        }
        """);
    Compiled compiled = compileRecording(source);
    Compiler.assertSucceeded(compiled.compilation());
    assertEquals(List.of("test.Divide_AmpSerializer", "test.DivideAgain_AmpSerializer",
        "test.Reset_AmpSerializer", "test.Calculator_AmpLocator"), compiled.generated());
  }
}
