package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.locator.ImmediateBoxResponder;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The dispatcher answers an {@link ImmediateBoxResponder} through respondNow, never its stage. */
@LeakChecked
class ImmediateResponderTest {
  /** Answers with {@code respondNow}'s result; its stage form fails the test if it is used. */
  private static final class NoStage implements ImmediateBoxResponder {
    private final ImmediateBoxResponder answer;

    NoStage(ImmediateBoxResponder answer) {
      this.answer = answer;
    }

    @Override
    public AmpBox respondNow(AmpBox command) throws Throwable {
      return answer.respondNow(command);
    }

    @Override
    public CompletionStage<AmpBox> respond(AmpBox command) {
      throw new AssertionError("the dispatcher asked for a stage");
    }
  }

  private static EmbeddedAmp server(ImmediateBoxResponder responder) {
    CommandLocator locator = name -> name.equals("X") ? new NoStage(responder) : null;
    return EmbeddedAmp.of(AmpServer.builder().locator(locator));
  }

  @Test
  void answerComesFromRespondNow() {
    try (EmbeddedAmp server = server(box -> new AmpBox().putString("v", box.getString("a")))) {
      server.feed(new AmpBox().putString("_ask", "7").putString("_command", "X").putString("a", "hi"));
      List<AmpBox> sent = server.writtenBoxes();
      assertEquals(List.of(new AmpBox().putString("v", "hi").putString("_answer", "7")), sent);
      assertTrue(server.channel.isOpen());
    }
  }

  @Test
  void aThrownRemoteErrorIsSentAsItsCodeAndKeepsTheConnection() {
    try (EmbeddedAmp server = server(box -> {
      throw new RemoteAmpException("NOPE", "no");
    })) {
      server.feed(new AmpBox().putString("_ask", "1").putString("_command", "X"));
      assertEquals(
          List.of(new AmpBox().putString("_error", "1").putString("_error_code", "NOPE")
              .putString("_error_description", "no")),
          server.writtenBoxes());
      assertTrue(server.channel.isOpen());
    }
  }

  @Test
  void anUndeclaredThrowIsUnknownAndCloses() {
    try (EmbeddedAmp server = server(box -> {
      throw new IllegalStateException("bug");
    })) {
      server.feed(new AmpBox().putString("_ask", "1").putString("_command", "X"));
      AmpBox error = server.writtenBoxes().get(0);
      assertEquals("UNKNOWN", error.getString("_error_code"));
      assertFalse(server.channel.isOpen());
    }
  }
}
