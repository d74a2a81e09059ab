package dev.spindle.amp.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.BoxCodecs;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.RemoteAmpException;

/**
 * The {@link CommandSpec} of {@link PasswordLogin}, the AMP command {@code PasswordLogin}.
 *
 * <p>Written by hand in the shape {@code spindle-codegen} generates (amp-core cannot run its own
 * processor), so that {@code CommandSpecs.of(PasswordLogin.class)} finds it.
 */
public final class PasswordLogin_AmpSerializer
    implements CommandSpec<PasswordLogin, PasswordLogin.Result> {
  /** The only instance, which {@code CommandSpecs.of(PasswordLogin.class)} returns. */
  public static final PasswordLogin_AmpSerializer INSTANCE = new PasswordLogin_AmpSerializer();

  private static final byte[] CHALLENGE_KEY = "challenge".getBytes(US_ASCII);

  private static final byte[] USERNAME_KEY = "username".getBytes(US_ASCII);

  private static final BoxCodec<PasswordLogin> ARGUMENTS = new ArgumentsCodec();

  private static final BoxCodec<PasswordLogin.Result> RESPONSE = new ResponseCodec();

  private PasswordLogin_AmpSerializer() {}

  @Override
  public String commandName() {
    return "PasswordLogin";
  }

  @Override
  public Class<PasswordLogin> commandType() {
    return PasswordLogin.class;
  }

  @Override
  public boolean requiresAnswer() {
    return true;
  }

  @Override
  public BoxCodec<PasswordLogin> arguments() {
    return ARGUMENTS;
  }

  @Override
  public BoxCodec<PasswordLogin.Result> response() {
    return RESPONSE;
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

  private static final class ArgumentsCodec implements BoxCodec<PasswordLogin> {
    @Override
    public void write(PasswordLogin value, AmpBox box) {
      byte[] username =
          BoxCodecs.requireArgument(value.username(), "forgot username for b'PasswordLogin'");
      box.put(USERNAME_KEY, username);
    }

    @Override
    public PasswordLogin read(AmpBox box) {
      byte[] username = BoxCodecs.readBytes(box, USERNAME_KEY, "PasswordLogin");
      return new PasswordLogin(username);
    }
  }

  private static final class ResponseCodec implements BoxCodec<PasswordLogin.Result> {
    @Override
    public void write(PasswordLogin.Result value, AmpBox box) {
      byte[] challenge = BoxCodecs.requireValue(value.challenge(),
          "PasswordLogin response: null challenge (expected: a value)");
      box.put(CHALLENGE_KEY, challenge);
    }

    @Override
    public PasswordLogin.Result read(AmpBox box) {
      byte[] challenge = BoxCodecs.readBytes(box, CHALLENGE_KEY, "PasswordLogin response");
      return new PasswordLogin.Result(challenge);
    }
  }
}
