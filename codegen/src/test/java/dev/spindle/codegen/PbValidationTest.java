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

/** Each mistake in a {@code @RemoteInterface} is a compile error on its element, with the fix. */
class PbValidationTest {
  private static final String IMPORTS = """
      package test;

      import dev.spindle.pb.flavors.*;
      import dev.spindle.pb.typed.CopyRecord;
      import dev.spindle.pb.typed.RemoteInterface;
      import java.util.List;
      import java.util.Map;
      import java.util.Set;
      import java.util.concurrent.CompletableFuture;
      """;

  private static final String SUPPORTED = "long, int, short, byte, double, float, boolean (or"
      + " their boxes), String, BigInteger, byte[], ByteString, Tuple, Object, RemoteReference, a"
      + " Jellyable or Copyable class, a @CopyRecord record, a @RemoteInterface, List<T>, Set<T> or Map<K, V> of those"
      + " (not of remote interfaces: use RemoteReference), or Optional<T> of those as a whole"
      + " parameter or result";

  private static JavaFileObject file(String name, String body) {
    return source("test." + name, IMPORTS + body);
  }

  /** Compiles, expects exactly {@code errors}, and that nothing was generated. */
  private static void assertMistakes(JavaFileObject source, ExpectedErrors.Expected... errors) {
    Compiled compiled = compileRecording(source);
    assertErrors(compiled.compilation(), source, errors);
    assertEquals(List.of(), compiled.generated(), "generated sources");
  }

  @Test
  void duplicatePythonName() {
    assertMistakes(file("Calc", """
        @RemoteInterface
        public interface Calc {
          CompletableFuture<Long> add(long a, long b);
          @Remote("add") CompletableFuture<Long> plus(long a, long b);
        }
        """), error("plus(", "remote method plus of test.Calc has the Python name \"add\", which"
            + " add has already: set another @Remote(\"...\") on one of them"));
  }

  @Test
  void methodWithTheSignatureOfAStubAccessor() {
    assertMistakes(file("Pond", """
        @RemoteInterface
        public interface Pond {
          CompletableFuture<String> observer();
          void reference();
          CompletableFuture<String> observe(String duck); // a near name: fine
        }
        """), error("String> observer()", "remote method observer() of test.Pond has the signature"
            + " of the generated stub's observer() accessor: give it another Java name (and"
            + " @Remote(\"observer\") if the peer calls it so)"),
        error("void reference()", "remote method reference() of test.Pond has the signature of"
            + " the generated stub's reference() accessor: give it another Java name (and"
            + " @Remote(\"reference\") if the peer calls it so)"));
  }

  @Test
  void overload() {
    assertMistakes(file("Calc", """
        @RemoteInterface
        public interface Calc {
          CompletableFuture<Long> add(long a, long b);
          CompletableFuture<Double> add(double a, double b);
        }
        """), error("Double> add(", "remote method add of test.Calc is overloaded; a Python"
            + " method has one signature: give one of them another Java name (and"
            + " @Remote(\"add\") if the peer calls it so), or use @Default parameters"));
  }

  @Test
  void unsupportedParameterType() {
    assertMistakes(file("Files", """
        @RemoteInterface
        public interface Files {
          CompletableFuture<Long> size(java.io.File file);
          CompletableFuture<Long> code(char c);
        }
        """),
        error("java.io.File file", "parameter file of remote method size of test.Files has type"
            + " java.io.File, which Jelly cannot carry: use " + SUPPORTED),
        error("char c", "parameter c of remote method code of test.Files has type char, which"
            + " Jelly cannot carry: use " + SUPPORTED));
  }

  @Test
  void elementTypesThatCannotBeConvertedAreRefused() {
    assertMistakes(file("Names", """
        @RemoteInterface
        public interface Names {
          CompletableFuture<Long> count(java.util.Collection<String> names);
          CompletableFuture<Long> files(List<java.io.File> files);
          CompletableFuture<Long> nested(List<java.util.Optional<String>> names);
          CompletableFuture<List<Names>> peers();
          CompletableFuture<Long> bounded(List<? extends Number> names);
        }
        """),
        error("Collection<String> names", "parameter names of remote method count of test.Names"
            + " has type java.util.Collection<java.lang.String>, which Jelly cannot carry: use "
            + SUPPORTED),
        error("List<java.io.File> files", "parameter files of remote method files of test.Names"
            + " has type java.util.List<java.io.File>, which Jelly cannot carry: use " + SUPPORTED),
        error("List<java.util.Optional<String>> names", "parameter names of remote method nested"
            + " of test.Names has type java.util.List<java.util.Optional<java.lang.String>>,"
            + " which Jelly cannot carry: use " + SUPPORTED),
        error("peers(", "remote method peers of test.Names returns"
            + " java.util.concurrent.CompletableFuture<java.util.List<test.Names>>, but Jelly"
            + " cannot carry java.util.List<test.Names>: use " + SUPPORTED),
        error("List<? extends Number> names", "parameter names of remote method bounded of"
            + " test.Names has type java.util.List<? extends java.lang.Number>, which Jelly"
            + " cannot carry: use " + SUPPORTED));
  }

  @Test
  void optionalOfARemoteInterfaceIsRefused() {
    assertMistakes(file("Peer", """
        @RemoteInterface
        public interface Peer {
          CompletableFuture<java.util.Optional<Peer>> next();
        }
        """), error("next(", "remote method next of test.Peer returns"
            + " java.util.concurrent.CompletableFuture<java.util.Optional<test.Peer>>, but Jelly"
            + " cannot carry java.util.Optional<test.Peer>: use " + SUPPORTED));
  }

  @Test
  void resultIsNotAFuture() {
    assertMistakes(file("Calc", """
        @RemoteInterface
        public interface Calc {
          long add(long a, long b);
        }
        """), error("long add(", "remote method add of test.Calc returns long; a remote call"
            + " answers later: return CompletableFuture<Long>, CompletionStage<Long>, or void to"
            + " ask no answer (callRemoteNoAnswer)"));
  }

  @Test
  void resultTypeJellyCannotCarry() {
    assertMistakes(file("Files", """
        @RemoteInterface
        public interface Files {
          CompletableFuture<java.io.File> open(String name);
        }
        """), error("open(", "remote method open of test.Files returns"
            + " java.util.concurrent.CompletableFuture<java.io.File>, but Jelly cannot carry"
            + " java.io.File: use " + SUPPORTED));
  }

  @Test
  void rawFuture() {
    assertMistakes(file("Calc", """
        @RemoteInterface
        public interface Calc {
          @SuppressWarnings("rawtypes") CompletableFuture add(long a);
        }
        """), error("add(", "remote method add of test.Calc returns"
            + " java.util.concurrent.CompletableFuture; the answer is converted to the future's"
            + " type argument: declare it, for example CompletableFuture<Object>"));
  }

  @Test
  void defaultsThatDoNotParseAsTheParameterType() {
    assertMistakes(file("Counter", """
        @RemoteInterface
        public interface Counter {
          CompletableFuture<Long> increment(@Default("one") long by);
          CompletableFuture<Long> shift(@Default("300") byte bits);
          CompletableFuture<Long> flag(@Default("yes") boolean on);
          CompletableFuture<Long> none(@Default int n);
          CompletableFuture<Long> obj(@Default("[]") Object o);
        }
        """),
        error("\"one\"", "parameter by of remote method increment of test.Counter:"
            + " @Default(\"one\") is not a decimal integer: write one, for example @Default(\"0\")"),
        error("\"300\"", "parameter bits of remote method shift of test.Counter:"
            + " @Default(\"300\") is out of range for byte: write a value in -128..127"),
        error("\"yes\"", "parameter on of remote method flag of test.Counter:"
            + " @Default(\"yes\") is not a boolean: write True or False"),
        error("@Default int n", "parameter n of remote method none of test.Counter: @Default"
            + " without a value is None, which a int cannot hold: give a value, for example"
            + " @Default(\"0\")"),
        error("\"[]\"", "parameter o of remote method obj of test.Counter: @Default(\"[]\") is"
            + " not a Python literal: write None, True, False, an integer, a float, 'text' or ()"));
  }

  @Test
  void nonDefaultAfterDefault() {
    assertMistakes(file("Greeter", """
        @RemoteInterface
        public interface Greeter {
          CompletableFuture<String> greet(@Default("guest") String name, boolean loud);
        }
        """), error("boolean loud", "parameter loud of remote method greet of test.Greeter has no"
            + " @Default but follows one that has (Python: non-default argument follows default"
            + " argument): give it a @Default or move it before the defaults"));
  }

  @Test
  void keywordsMapMustBeMapOfStringToObjectAndLast() {
    assertMistakes(file("Kw", """
        @RemoteInterface
        public interface Kw {
          CompletableFuture<Object> typed(@Keywords Map<String, Long> kw);
          CompletableFuture<Object> notLast(@Keywords Map<String, Object> kw, long after);
        }
        """),
        error("Map<String, Long> kw", "parameter kw of remote method typed of test.Kw is"
            + " @Keywords of type java.util.Map<java.lang.String,java.lang.Long>; the keyword map"
            + " receives Python's **kw: declare it Map<String, Object>, alone, last"),
        error("long after", "parameter after of remote method notLast of test.Kw follows the"
            + " @Keywords map; Python's **kw comes last: move it before the map"));
  }

  @Test
  void varArgsOfAnUnsupportedType() {
    assertMistakes(file("Sum", """
        @RemoteInterface
        public interface Sum {
          CompletableFuture<Long> sum(@VarArgs Set<Object> numbers);
        }
        """), error("Set<Object> numbers", "parameter numbers of remote method sum of test.Sum is"
            + " @VarArgs of type java.util.Set<java.lang.Object>; the tail of *args is an array of"
            + " a supported type, List<Object> or Tuple: declare one of those"));
  }

  @Test
  void positionalAfterKeywordOnly() {
    assertMistakes(file("Ko", """
        @RemoteInterface
        public interface Ko {
          CompletableFuture<Long> f(@KeywordOnly long k, long a);
        }
        """), error("long a)", "parameter a of remote method f of test.Ko follows a keyword-only"
            + " parameter; Python puts positional parameters first: mark it @KeywordOnly or move it"));
  }


  @Test
  void aClassIsNotARemoteInterface() {
    assertMistakes(file("Calc", """
        @RemoteInterface
        public class Calc {}
        """), error("public class Calc", "@RemoteInterface test.Calc is a class; remote interfaces"
            + " are Java interfaces: declare it as an interface and implement it in a class"));
  }

  @Test
  void aCopyRecordIsARecordOfTypesJellyCarries() {
    assertMistakes(file("Shapes", """
        public class Shapes {
          @CopyRecord("shapes.Point")
          public static class Point {}

          @CopyRecord
          public record Line(long a, java.io.File file, Shapes.Line next) {}
        }
        """),
        error("public static class Point", "@CopyRecord test.Shapes.Point is a class; its"
            + " components are the state sent: declare it as a record, or implement Copyable and"
            + " register the class with JellyRegistry"),
        error("public record Line", "component file of @CopyRecord test.Shapes.Line has type"
            + " java.io.File, which a copy's state cannot carry: use "
            + SUPPORTED.replace(", a @RemoteInterface", "")));
  }
}
