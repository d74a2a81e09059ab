package dev.spindle.amp.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.InvalidSignatureException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.runtime.CommandSpecs;
import dev.spindle.cred.LoginDeniedException;
import dev.spindle.cred.UnauthorizedLoginException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written specs: wire names, keys, and declared errors, as ampauth's Commands. */
class LoginCommandsTest {
  private static byte[] ascii(String s) {
    return s.getBytes(US_ASCII);
  }

  private static List<String> keys(AmpBox box) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < box.size(); i++) {
      keys.add(new String(box.keyAt(i), US_ASCII));
    }
    return keys;
  }

  @Test
  void commandSpecsFindsTheHandWrittenSpecs() {
    assertSame(PasswordLogin_AmpSerializer.INSTANCE, CommandSpecs.of(PasswordLogin.class));
    assertSame(
        PasswordChallengeResponse_AmpSerializer.INSTANCE,
        CommandSpecs.of(PasswordChallengeResponse.class));
    assertSame(Login_AmpSerializer.INSTANCE, CommandSpecs.of(Login.class));
    assertSame(AnonymousLogin_AmpSerializer.INSTANCE, CommandSpecs.of(AnonymousLogin.class));
  }

  @Test
  void wireNamesAreAmpauthsAndEveryCommandWantsAnAnswer() {
    List<CommandSpec<?, ?>> specs =
        List.of(
            PasswordLogin_AmpSerializer.INSTANCE,
            PasswordChallengeResponse_AmpSerializer.INSTANCE,
            Login_AmpSerializer.INSTANCE,
            AnonymousLogin_AmpSerializer.INSTANCE);
    assertEquals(
        List.of("PasswordLogin", "PasswordChallengeResponse", "Login", "AnonymousLogin"),
        specs.stream().map(CommandSpec::commandName).toList());
    assertTrue(specs.stream().allMatch(CommandSpec::requiresAnswer));
  }

  @Test
  void passwordLoginSendsUsernameAndReadsChallenge() {
    AmpBox box = new AmpBox();
    PasswordLogin_AmpSerializer.INSTANCE.arguments().write(new PasswordLogin(ascii("alice")), box);
    assertEquals(List.of("username"), keys(box));
    assertArrayEquals(ascii("alice"), box.get("username"));
    assertArrayEquals(
        ascii("alice"),
        PasswordLogin_AmpSerializer.INSTANCE.arguments().read(box).username());

    AmpBox answer = new AmpBox();
    byte[] challenge = {0, 1, 2, (byte) 0xff};
    PasswordLogin_AmpSerializer.INSTANCE
        .response()
        .write(new PasswordLogin.Result(challenge), answer);
    assertEquals(List.of("challenge"), keys(answer));
    assertArrayEquals(
        challenge, PasswordLogin_AmpSerializer.INSTANCE.response().read(answer).challenge());
    assertNull(PasswordLogin_AmpSerializer.INSTANCE.declaredException("UNAUTHORIZED_LOGIN", ""));
  }

  @Test
  void argumentsAreWrittenInSortedKeyOrder() {
    AmpBox box = new AmpBox();
    PasswordChallengeResponse_AmpSerializer.INSTANCE
        .arguments()
        .write(new PasswordChallengeResponse(ascii("n"), ascii("r")), box);
    assertEquals(List.of("cnonce", "response"), keys(box));
    AmpBox login = new AmpBox();
    Login_AmpSerializer.INSTANCE.arguments().write(new Login(ascii("u"), ascii("p")), login);
    assertEquals(List.of("password", "username"), keys(login));
    AmpBox anonymous = new AmpBox();
    AnonymousLogin_AmpSerializer.INSTANCE.arguments().write(new AnonymousLogin(), anonymous);
    assertEquals(0, anonymous.size());
  }

  @Test
  void missingArgumentsAreArgumentErrors() {
    assertThrows(
        AmpArgumentException.class,
        () -> PasswordChallengeResponse_AmpSerializer.INSTANCE.arguments().read(
            new AmpBox().put("cnonce", ascii("n"))));
    assertThrows(
        InvalidSignatureException.class,
        () -> Login_AmpSerializer.INSTANCE
            .arguments()
            .write(new Login(null, ascii("p")), new AmpBox()));
  }

  @Test
  void unauthorizedLoginIsSentWithAnEmptyDescriptionWhateverItsMessage() {
    // The login server's responders answer through LoginErrors.answer (the generated spec would
    // send the exception's message).
    RemoteAmpException error =
        assertInstanceOf(
            RemoteAmpException.class,
            LoginErrors.answer(new UnauthorizedLoginException("no such user: mallory")));
    assertEquals("UNAUTHORIZED_LOGIN", error.errorCode());
    assertEquals("", error.description());
    assertFalse(error.isFatal());
  }

  @Test
  void notImplementedErrorCarriesItsMessageAndOtherFailuresAreUndeclared() {
    RemoteAmpException error =
        Login_AmpSerializer.INSTANCE.declaredError(new UnsupportedOperationException("no checker"));
    assertEquals("NOT_IMPLEMENTED_ERROR", error.errorCode());
    assertEquals("no checker", error.description());
    assertNull(Login_AmpSerializer.INSTANCE.declaredError(new LoginDeniedException("disabled")));
    assertNull(Login_AmpSerializer.INSTANCE.declaredError(new IllegalStateException()));
  }

  @Test
  void errorCodesComeBackAsCredAndJavaExceptions() {
    CommandSpec<AnonymousLogin, Void> spec = AnonymousLogin_AmpSerializer.INSTANCE;
    Exception unauthorized = spec.declaredException("UNAUTHORIZED_LOGIN", "");
    assertInstanceOf(UnauthorizedLoginException.class, unauthorized);
    assertEquals("", ((UnauthorizedLoginException) unauthorized).twistedValue());
    Exception notImplemented = spec.declaredException("NOT_IMPLEMENTED_ERROR", "why");
    assertInstanceOf(UnsupportedOperationException.class, notImplemented);
    assertEquals("why", notImplemented.getMessage());
    assertNull(spec.declaredException("OTHER", ""));
  }

  @Test
  void toStringHidesSecrets() {
    assertFalse(new Login(ascii("alice"), ascii("hunter2")).toString().contains("hunter2"));
    assertEquals(
        "PasswordChallengeResponse[cnonce=<16 bytes>, response=<hidden>]",
        new PasswordChallengeResponse(new byte[16], new byte[20]).toString());
  }
}
