package dev.spindle.amp.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.BoxCodecs;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.RemoteAmpException;

/**
 * The {@link CommandSpec} of {@link PasswordChallengeResponse}, the AMP command {@code
 * PasswordChallengeResponse}.
 *
 * <p>Written by hand in the shape {@code spindle-codegen} generates (amp-core cannot run its own
 * processor), so that {@code CommandSpecs.of(PasswordChallengeResponse.class)} finds it. Declares
 * {@code UNAUTHORIZED_LOGIN} (always with an empty description, as Twisted's {@code
 * str(UnauthorizedLogin())}) and {@code NOT_IMPLEMENTED_ERROR}.
 */
public final class PasswordChallengeResponse_AmpSerializer
    implements CommandSpec<PasswordChallengeResponse, Void> {
  /** The only instance, which {@code CommandSpecs.of(PasswordChallengeResponse.class)} returns. */
  public static final PasswordChallengeResponse_AmpSerializer INSTANCE =
      new PasswordChallengeResponse_AmpSerializer();

  private static final byte[] CNONCE_KEY = "cnonce".getBytes(US_ASCII);

  private static final byte[] RESPONSE_KEY = "response".getBytes(US_ASCII);

  private static final BoxCodec<PasswordChallengeResponse> ARGUMENTS = new ArgumentsCodec();

  private PasswordChallengeResponse_AmpSerializer() {}

  @Override
  public String commandName() {
    return "PasswordChallengeResponse";
  }

  @Override
  public Class<PasswordChallengeResponse> commandType() {
    return PasswordChallengeResponse.class;
  }

  @Override
  public boolean requiresAnswer() {
    return true;
  }

  @Override
  public BoxCodec<PasswordChallengeResponse> arguments() {
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

  private static final class ArgumentsCodec implements BoxCodec<PasswordChallengeResponse> {
    @Override
    public void write(PasswordChallengeResponse value, AmpBox box) {
      byte[] cnonce = BoxCodecs.requireArgument(value.cnonce(),
          "forgot cnonce for b'PasswordChallengeResponse'");
      box.put(CNONCE_KEY, cnonce);
      byte[] response = BoxCodecs.requireArgument(value.response(),
          "forgot response for b'PasswordChallengeResponse'");
      box.put(RESPONSE_KEY, response);
    }

    @Override
    public PasswordChallengeResponse read(AmpBox box) {
      byte[] cnonce = BoxCodecs.readBytes(box, CNONCE_KEY, "PasswordChallengeResponse");
      byte[] response = BoxCodecs.readBytes(box, RESPONSE_KEY, "PasswordChallengeResponse");
      return new PasswordChallengeResponse(cnonce, response);
    }
  }
}
