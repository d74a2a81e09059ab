package dev.spindle.interop.amp;

import dev.spindle.amp.command.AmpDecimal;
import dev.spindle.amp.command.Argument;
import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Naming;
import dev.spindle.amp.command.Request;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The commands of {@code src/test/python/amp_peer.py} (and of {@code shared/vectors/generate.py}),
 * declared in Java. Each echo command answers with its own record.
 */
final class PeerCommands {
  private PeerCommands() {}

  /** Python's {@code FatalProblem}, declared fatal by {@link Explode}. */
  static final class FatalProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FatalProblemException(String message) {
      super(message);
    }
  }

  @Command
  record Sum(long a, long b) implements Request<Sum.Result> {
    record Result(long total) {}
  }

  /** amp_peer.py's {@code AddOne}: snake_case keys from Java names, no @Argument(name) each. */
  @Command(naming = Naming.SNAKE_CASE)
  record AddOne(long firstValue, long httpURLPort) implements Request<AddOne.Result> {
    record Result(long plusOne, long echoedPort) {}
  }

  @Command(errors = @ErrorCode(code = "ZERO_DIVISION", type = ArithmeticException.class))
  record Divide(long numerator, long denominator) implements Request<Divide.Result> {
    record Result(double result) {}
  }

  @Command(
      errors = @ErrorCode(code = "BAD_VALUE", type = IllegalArgumentException.class),
      fatalErrors = @ErrorCode(code = "FATAL_PROBLEM", type = FatalProblemException.class))
  record Explode(String how) implements Request<Void> {}

  @Command(requiresAnswer = false)
  record Notify(String message) implements Request<Void> {}

  @Command
  record LastNotification() implements Request<LastNotification.Result> {
    record Result(@Argument(optional = true) String message) {}
  }

  @Command
  record Unimplemented() implements Request<Void> {}

  @Command
  record Delay(long ms, long id) implements Request<Delay.Result> {
    record Result(long id) {}
  }

  @Command
  record CallMeBack(long a, long b) implements Request<Sum.Result> {}

  record Row(long id, @Argument(optional = true) String name) {}

  @Command
  record Everything(
      @Argument(name = "int") BigInteger integer,
      byte[] bytes,
      String text,
      boolean flag,
      double real,
      AmpDecimal dec,
      OffsetDateTime when,
      List<Long> ints,
      List<Row> rows,
      Path path,
      @Argument(optional = true) String maybe,
      @Argument(optional = true) String absent,
      long from,
      @Argument(name = "dashed-name") byte[] dashedName)
      implements Request<Everything> {}

  record AmpListRow(long a, @Argument(optional = true) String b) {}

  @Command
  record EchoInteger(BigInteger value) implements Request<EchoInteger> {}

  @Command
  record EchoString(byte[] value) implements Request<EchoString> {}

  @Command
  record EchoBytes(byte[] value) implements Request<EchoBytes> {}

  @Command
  record EchoUnicode(String value) implements Request<EchoUnicode> {}

  @Command
  record EchoBoolean(boolean value) implements Request<EchoBoolean> {}

  @Command
  record EchoFloat(double value) implements Request<EchoFloat> {}

  @Command
  record EchoDecimal(AmpDecimal value) implements Request<EchoDecimal> {}

  @Command
  record EchoDateTime(OffsetDateTime value) implements Request<EchoDateTime> {}

  @Command
  record EchoPath(Path value) implements Request<EchoPath> {}

  @Command
  record EchoOptionalUnicode(@Argument(optional = true) String value)
      implements Request<EchoOptionalUnicode> {}

  @Command
  record EchoListOfInteger(List<BigInteger> value) implements Request<EchoListOfInteger> {}

  @Command
  record EchoListOfUnicode(List<String> value) implements Request<EchoListOfUnicode> {}

  @Command
  record EchoListOfString(List<byte[]> value) implements Request<EchoListOfString> {}

  @Command
  record EchoListOfBoolean(List<Boolean> value) implements Request<EchoListOfBoolean> {}

  @Command
  record EchoListOfFloat(List<Double> value) implements Request<EchoListOfFloat> {}

  @Command
  record EchoListOfDecimal(List<AmpDecimal> value) implements Request<EchoListOfDecimal> {}

  @Command
  record EchoListOfDateTime(List<OffsetDateTime> value) implements Request<EchoListOfDateTime> {}

  @Command
  record EchoListOfListOfInteger(List<List<BigInteger>> value)
      implements Request<EchoListOfListOfInteger> {}

  @Command
  record EchoAmpList(List<AmpListRow> value) implements Request<EchoAmpList> {}
}
