package test;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.ArgumentTypes;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.runtime.BoxCodecs;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The {@link CommandSpec} of {@link Divide}, the AMP command {@code Divide}.
 */
@Generated("dev.spindle.codegen.CommandProcessor")
public final class Divide_AmpSerializer implements CommandSpec<Divide, Divide.Result> {
  /**
   * The only instance, which {@code CommandSpecs.of(Divide.class)} returns.
   */
  public static final Divide_AmpSerializer INSTANCE = new Divide_AmpSerializer();

  private static final byte[] DENOMINATOR_KEY = "denominator".getBytes(US_ASCII);

  private static final byte[] NUMERATOR_KEY = "numerator".getBytes(US_ASCII);

  private static final byte[] RESULT_KEY = "result".getBytes(US_ASCII);

  private static final BoxCodec<Divide> ARGUMENTS = new ArgumentsCodec();

  private static final BoxCodec<Divide.Result> RESPONSE = new ResponseCodec();

  private Divide_AmpSerializer() {
  }

  @Override
  public String commandName() {
    return "Divide";
  }

  @Override
  public Class<Divide> commandType() {
    return Divide.class;
  }

  @Override
  public boolean requiresAnswer() {
    return true;
  }

  @Override
  public BoxCodec<Divide> arguments() {
    return ARGUMENTS;
  }

  @Override
  public BoxCodec<Divide.Result> response() {
    return RESPONSE;
  }

  @Override
  public RemoteAmpException declaredError(Throwable failure) {
    if (failure instanceof RemoteAmpException remote) {
      return remote;
    }
    if (failure instanceof ArithmeticException) {
      return new RemoteAmpException("ZERO_DIVISION", Objects.toString(failure.getMessage(), ""));
    }
    return null;
  }

  @Override
  public Exception declaredException(String errorCode, String description) {
    switch (errorCode) {
      case "ZERO_DIVISION":
        return new ArithmeticException(description);
      default:
        return null;
    }
  }

  private static final class ArgumentsCodec implements BoxCodec<Divide> {
    @Override
    public void write(Divide value, AmpBox box) {
      box.put(DENOMINATOR_KEY, ArgumentTypes.longToBytes(value.denominator()));
      box.put(NUMERATOR_KEY, ArgumentTypes.longToBytes(value.numerator()));
    }

    @Override
    public Divide read(AmpBox box) {
      long numerator = BoxCodecs.readLong(box, NUMERATOR_KEY, "Divide");
      long denominator = BoxCodecs.readLong(box, DENOMINATOR_KEY, "Divide");
      return new Divide(numerator, denominator);
    }
  }

  private static final class ResponseCodec implements BoxCodec<Divide.Result> {
    @Override
    public void write(Divide.Result value, AmpBox box) {
      box.put(RESULT_KEY, ArgumentTypes.doubleToBytes(value.result()));
    }

    @Override
    public Divide.Result read(AmpBox box) {
      double result = BoxCodecs.readDouble(box, RESULT_KEY, "Divide response");
      return new Divide.Result(result);
    }
  }
}
