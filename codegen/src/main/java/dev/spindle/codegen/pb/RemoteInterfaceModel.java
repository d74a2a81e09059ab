package dev.spindle.codegen.pb;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A valid {@code @RemoteInterface}: what the stub and skeleton generators need; {@code copies}
 * are the copy classes of the {@code @CopyRecord} types its methods use.
 */
public record RemoteInterfaceModel(TypeElement element, ClassName type, ClassName stub,
    ClassName skeleton, String pythonName, List<Method> methods, List<ClassName> copies) {

  /** How a parameter binds. The names match {@code MethodShape}'s builder methods. */
  public enum Shape {
    /** Bound by position, or by name if {@code javac -parameters} kept it. */
    POSITIONAL("positional"),
    /** Bound only by name: {@code @KeywordOnly}, or after it. */
    KEYWORD_ONLY("keywordOnly"),
    /** Receives the extra positional arguments: {@code @VarArgs}, Python's {@code *args}. */
    VAR_ARGS("varArgs"),
    /** Receives the unmatched keyword arguments: {@code @Keywords}, Python's {@code **kw}. */
    KEYWORDS("keywords");

    /** The name of the {@code MethodShape.Builder} method that adds such a parameter. */
    public final String builder;

    Shape(String builder) {
      this.builder = builder;
    }
  }

  /** How the result comes back. */
  public enum Result {
    /** The method returns {@code void}: the call is sent without waiting for an answer. */
    VOID,
    /** The method returns a {@code CompletableFuture} of the answer. */
    FUTURE,
    /** The method returns a {@code CompletionStage} of the answer. */
    STAGE
  }

  /**
   * One parameter: {@code type} as declared, {@code erasure} for its {@code Class} literal,
   * {@code defaultText} the {@code @Default} text or null, {@code convert} the {@code Elements}
   * expression converting a received value to a generic type (null: the erasure's checks do),
   * {@code optional} whether it is an {@code Optional} (sent unwrapped).
   */
  public record Parameter(String name, TypeName type, TypeName erasure, Shape shape,
      String defaultText, boolean generic, RemoteType remote, CodeBlock convert,
      boolean optional) {}

  /**
   * A parameter or result typed as another remote interface: a reference on the wire, a stub on
   * the receiving side, a skeleton (or the stub's own reference) on the sending side.
   */
  public record RemoteType(ClassName type, ClassName stub, ClassName skeleton) {}

  /**
   * One remote method; {@code value} is the boxed result type ({@code Void} for none), {@code
   * convert} and {@code optional} as for a parameter.
   */
  public record Method(ExecutableElement element, String javaName, String remoteName,
      List<Parameter> parameters, Result result, TypeName value, TypeName valueErasure,
      RemoteType remote, CodeBlock convert, boolean optional) {}
}
