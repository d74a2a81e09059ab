package dev.spindle.amp.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.BoxCodecs;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.RemoteAmpException;

/**
 * The {@link CommandSpec} of {@link Login}, the AMP command {@code Login}.
 *
 * <p>Written by hand in the shape {@code spindle-codegen} generates (amp-core cannot run its own
 * processor), so that {@code CommandSpecs.of(Login.class)} finds it. Declares {@code
 * UNAUTHORIZED_LOGIN} (always with an empty description) and {@code NOT_IMPLEMENTED_ERROR}.
 */
public final class Login_AmpSerializer implements CommandSpec<Login, Void> {
  /** The only instance, which {@code CommandSpecs.of(Login.class)} returns. */
  public static final Login_AmpSerializer INSTANCE = new Login_AmpSerializer();

  private static final byte[] PASSWORD_KEY = "password".getBytes(US_ASCII);

  private static final byte[] USERNAME_KEY = "username".getBytes(US_ASCII);

  private static final BoxCodec<Login> ARGUMENTS = new ArgumentsCodec();

  private Login_AmpSerializer() {}

  @Override
  public String commandName() {
    return "Login";
  }

  @Override
  public Class<Login> commandType() {
    return Login.class;
  }

  @Override
  public boolean requiresAnswer() {
    return true;
  }

  @Override
  public BoxCodec<Login> arguments() {
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

  private static final class ArgumentsCodec implements BoxCodec<Login> {
    @Override
    public void write(Login value, AmpBox box) {
      byte[] password = BoxCodecs.requireArgument(value.password(), "forgot password for b'Login'");
      box.put(PASSWORD_KEY, password);
      byte[] username = BoxCodecs.requireArgument(value.username(), "forgot username for b'Login'");
      box.put(USERNAME_KEY, username);
    }

    @Override
    public Login read(AmpBox box) {
      byte[] username = BoxCodecs.readBytes(box, USERNAME_KEY, "Login");
      byte[] password = BoxCodecs.readBytes(box, PASSWORD_KEY, "Login");
      return new Login(username, password);
    }
  }
}
