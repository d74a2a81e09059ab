package dev.spindle.amp.testing;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Hand-written {@link CommandSpec}s for the commands of the golden transcripts ({@code
 * shared/vectors/generate.py}): Sum, Divide (ZERO_DIVISION), Explode (BAD_VALUE, fatal
 * FATAL_PROBLEM), Notify (no answer) and Unimplemented. They stand in for generated serializers,
 * so the box, codec, dispatch and transport layers can be tested on their own.
 *
 * <p>The value conversions are deliberately minimal (decimal {@code long}, {@code
 * Double.toString}, strict UTF-8): enough for the values in the transcripts, not Twisted's full
 * argument types.
 */
public final class GoldenCommands {
  private GoldenCommands() {}

  /** {@code Sum(a: Integer, b: Integer) -> total: Integer}. */
  public record Sum(long a, long b) implements Request<Sum.Result> {
    /** The response. */
    public record Result(long total) {}
  }

  /** {@code Divide(numerator, denominator) -> result: Float}; ZERO_DIVISION. */
  public record Divide(long numerator, long denominator) implements Request<Divide.Result> {
    /** The response. */
    public record Result(double result) {}
  }

  /** {@code Explode(how: Unicode)}; BAD_VALUE, fatal FATAL_PROBLEM. */
  public record Explode(String how) implements Request<Void> {}

  /** {@code Notify(message: Unicode)}, requiresAnswer=False. */
  public record Notify(String message) implements Request<Void> {}

  /** {@code Unimplemented()}: the golden server has no responder for it. */
  public record Unimplemented() implements Request<Void> {}

  /** The stand-in for Python's {@code goldens.FatalProblem}. */
  public static final class FatalProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FatalProblem(String message) {
      super(message);
    }
  }

  private static final BoxCodec<Void> VOID = codec((v, box) -> {}, box -> null);

  public static final CommandSpec<Sum, Sum.Result> SUM =
      new Spec<>(
          "Sum",
          Sum.class,
          true,
          codec(
              (c, box) -> {
                box.put("a", integer(c.a()));
                box.put("b", integer(c.b()));
              },
              box -> new Sum(integer(box, "a"), integer(box, "b"))),
          codec(
              (r, box) -> box.put("total", integer(r.total())),
              box -> new Sum.Result(integer(box, "total"))),
          t -> null,
          (code, description) -> null);

  public static final CommandSpec<Divide, Divide.Result> DIVIDE =
      new Spec<>(
          "Divide",
          Divide.class,
          true,
          codec(
              (c, box) -> {
                box.put("numerator", integer(c.numerator()));
                box.put("denominator", integer(c.denominator()));
              },
              box -> new Divide(integer(box, "numerator"), integer(box, "denominator"))),
          codec(
              (r, box) -> box.put("result", ascii(Double.toString(r.result()))),
              box -> new Divide.Result(Double.parseDouble(text(box, "result")))),
          t -> t instanceof ArithmeticException
              ? new RemoteAmpException("ZERO_DIVISION", String.valueOf(t.getMessage()))
              : null,
          (code, description) ->
              code.equals("ZERO_DIVISION") ? new ArithmeticException(description) : null);

  public static final CommandSpec<Explode, Void> EXPLODE =
      new Spec<>(
          "Explode",
          Explode.class,
          true,
          codec(
              (c, box) -> box.put("how", utf8(c.how())),
              box -> new Explode(text(box, "how"))),
          VOID,
          t -> {
            if (t instanceof FatalProblem) {
              return new RemoteAmpException("FATAL_PROBLEM", t.getMessage(), true);
            }
            if (t instanceof IllegalArgumentException) { // Python's ValueError
              return new RemoteAmpException("BAD_VALUE", t.getMessage());
            }
            return null;
          },
          (code, description) -> {
            switch (code) {
              case "BAD_VALUE":
                return new IllegalArgumentException(description);
              case "FATAL_PROBLEM":
                return new FatalProblem(description);
              default:
                return null;
            }
          });

  public static final CommandSpec<Notify, Void> NOTIFY =
      new Spec<>(
          "Notify",
          Notify.class,
          false,
          codec(
              (c, box) -> box.put("message", utf8(c.message())),
              box -> new Notify(text(box, "message"))),
          VOID,
          t -> null,
          (code, description) -> null);

  public static final CommandSpec<Unimplemented, Void> UNIMPLEMENTED =
      new Spec<>(
          "Unimplemented",
          Unimplemented.class,
          true,
          codec((c, box) -> {}, box -> new Unimplemented()),
          VOID,
          t -> null,
          (code, description) -> null);

  // ---- conversions ------------------------------------------------------------------------------

  static byte[] integer(long v) {
    return ascii(Long.toString(v));
  }

  static long integer(AmpBox box, String key) {
    String s = text(box, key);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new AmpArgumentException(key + ": " + s + " (expected: a decimal integer)", e);
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(AmpBox box, String key) {
    byte[] v = box.get(key);
    if (v == null) {
      throw new AmpArgumentException(key + ": missing (expected: a value)");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(v))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AmpArgumentException(key + ": not UTF-8 (expected: UTF-8 text)", e);
    }
  }

  interface Writer<T> {
    void write(T value, AmpBox box);
  }

  static <T> BoxCodec<T> codec(Writer<T> writer, Function<AmpBox, T> reader) {
    return new BoxCodec<>() {
      @Override
      public void write(T value, AmpBox box) {
        writer.write(value, box);
      }

      @Override
      public T read(AmpBox box) {
        return reader.apply(box);
      }
    };
  }

  interface ErrorMapper {
    Exception exception(String code, String description);
  }

  private static final class Spec<C extends Request<R>, R> implements CommandSpec<C, R> {
    private final String name;
    private final Class<C> type;
    private final boolean requiresAnswer;
    private final BoxCodec<C> arguments;
    private final BoxCodec<R> response;
    private final Function<Throwable, RemoteAmpException> declaredError;
    private final ErrorMapper declaredException;

    Spec(
        String name,
        Class<C> type,
        boolean requiresAnswer,
        BoxCodec<C> arguments,
        BoxCodec<R> response,
        Function<Throwable, RemoteAmpException> declaredError,
        ErrorMapper declaredException) {
      this.name = name;
      this.type = type;
      this.requiresAnswer = requiresAnswer;
      this.arguments = arguments;
      this.response = response;
      this.declaredError = declaredError;
      this.declaredException = declaredException;
    }

    @Override
    public String commandName() {
      return name;
    }

    @Override
    public Class<C> commandType() {
      return type;
    }

    @Override
    public boolean requiresAnswer() {
      return requiresAnswer;
    }

    @Override
    public BoxCodec<C> arguments() {
      return arguments;
    }

    @Override
    public BoxCodec<R> response() {
      return response;
    }

    @Override
    public RemoteAmpException declaredError(Throwable failure) {
      if (failure instanceof RemoteAmpException) {
        return (RemoteAmpException) failure;
      }
      return declaredError.apply(failure);
    }

    @Override
    public Exception declaredException(String errorCode, String description) {
      return declaredException.exception(errorCode, description);
    }
  }
}
