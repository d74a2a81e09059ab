package test;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.runtime.BoxCodecs;
import javax.annotation.processing.Generated;

/**
 * The {@link CommandSpec} of {@link Reset}, the AMP command {@code reset}.
 */
@Generated("dev.spindle.codegen.CommandProcessor")
public final class Reset_AmpSerializer implements CommandSpec<Reset, Void> {
  /**
   * The only instance, which {@code CommandSpecs.of(Reset.class)} returns.
   */
  public static final Reset_AmpSerializer INSTANCE = new Reset_AmpSerializer();

  private static final BoxCodec<Reset> ARGUMENTS = new ArgumentsCodec();

  private Reset_AmpSerializer() {
  }

  @Override
  public String commandName() {
    return "reset";
  }

  @Override
  public Class<Reset> commandType() {
    return Reset.class;
  }

  @Override
  public boolean requiresAnswer() {
    return false;
  }

  @Override
  public BoxCodec<Reset> arguments() {
    return ARGUMENTS;
  }

  @Override
  public BoxCodec<Void> response() {
    return BoxCodecs.EMPTY;
  }

  @Override
  public RemoteAmpException declaredError(Throwable failure) {
    if (failure instanceof RemoteAmpException remote) {
      return remote;
    }
    return null;
  }

  @Override
  public Exception declaredException(String errorCode, String description) {
    return null;
  }

  private static final class ArgumentsCodec implements BoxCodec<Reset> {
    @Override
    public void write(Reset value, AmpBox box) {
    }

    @Override
    public Reset read(AmpBox box) {
      return new Reset();
    }
  }
}
