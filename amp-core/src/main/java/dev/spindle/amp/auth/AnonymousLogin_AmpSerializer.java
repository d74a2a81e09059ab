package dev.spindle.amp.auth;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.BoxCodecs;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.RemoteAmpException;

/**
 * The {@link CommandSpec} of {@link AnonymousLogin}, the AMP command {@code AnonymousLogin}.
 *
 * <p>Written by hand in the shape {@code spindle-codegen} generates (amp-core cannot run its own
 * processor), so that {@code CommandSpecs.of(AnonymousLogin.class)} finds it. Declares
 * {@code UNAUTHORIZED_LOGIN} (always with an empty description) and {@code NOT_IMPLEMENTED_ERROR}.
 */
public final class AnonymousLogin_AmpSerializer implements CommandSpec<AnonymousLogin, Void> {
  /** The only instance, which {@code CommandSpecs.of(AnonymousLogin.class)} returns. */
  public static final AnonymousLogin_AmpSerializer INSTANCE = new AnonymousLogin_AmpSerializer();

  private static final BoxCodec<AnonymousLogin> ARGUMENTS = new ArgumentsCodec();

  private AnonymousLogin_AmpSerializer() {}

  @Override
  public String commandName() {
    return "AnonymousLogin";
  }

  @Override
  public Class<AnonymousLogin> commandType() {
    return AnonymousLogin.class;
  }

  @Override
  public boolean requiresAnswer() {
    return true;
  }

  @Override
  public BoxCodec<AnonymousLogin> arguments() {
    return ARGUMENTS;
  }

  @Override
  public BoxCodec<Void> response() {
    return BoxCodecs.EMPTY;
  }

  @Override
  public RemoteAmpException declaredError(Throwable failure) {
    return LoginErrors.declaredError(failure);
  }

  @Override
  public Exception declaredException(String errorCode, String description) {
    return LoginErrors.declaredException(errorCode, description);
  }

  private static final class ArgumentsCodec implements BoxCodec<AnonymousLogin> {
    @Override
    public void write(AnonymousLogin value, AmpBox box) {}

    @Override
    public AnonymousLogin read(AmpBox box) {
      return new AnonymousLogin();
    }
  }
}
