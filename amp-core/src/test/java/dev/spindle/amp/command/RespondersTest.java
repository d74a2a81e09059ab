package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.locator.PeerInputException;
import dev.spindle.amp.runtime.BoxCodecs;
import dev.spindle.amp.runtime.Responders;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RespondersTest {
  record Broad(long n) implements Request<Void> {}

  /** A command that declares every RuntimeException as BROAD, like a Python errors={Exception: ...}. */
  static final CommandSpec<Broad, Void> SPEC =
      new CommandSpec<>() {
        @Override
        public String commandName() {
          return "Broad";
        }

        @Override
        public Class<Broad> commandType() {
          return Broad.class;
        }

        @Override
        public boolean requiresAnswer() {
          return true;
        }

        @Override
        public BoxCodec<Broad> arguments() {
          return new BoxCodec<>() {
            @Override
            public void write(Broad value, AmpBox box) {
              box.put("n", ArgumentTypes.longToBytes(value.n()));
            }

            @Override
            public Broad read(AmpBox box) {
              return new Broad(ArgumentTypes.bytesToLong(box.get("n")));
            }
          };
        }

        @Override
        public BoxCodec<Void> response() {
          return BoxCodecs.EMPTY;
        }

        @Override
        public RemoteAmpException declaredError(Throwable failure) {
          return failure instanceof RuntimeException
              ? new RemoteAmpException("BROAD", String.valueOf(failure.getMessage()))
              : null;
        }

        @Override
        public Exception declaredException(String errorCode, String description) {
          return null;
        }
      };

  private static Throwable failure(java.util.concurrent.CompletionStage<AmpBox> stage) {
    CompletionException e =
        assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join());
    return e.getCause();
  }

  @Test
  void theAnswerIsWrittenIntoTheEmptiedRequestBox() {
    AmpBox request = new AmpBox().putString("n", "7").putString("_command", "Broad");
    AmpBox answer = Responders.respondVoid(SPEC, request, c -> {}).toCompletableFuture().join();
    assertSame(request, answer);
    assertEquals(0, answer.size());
  }

  @Test
  void badArgumentIsNeverMappedToADeclaredError() {
    AmpBox request = new AmpBox().putString("n", "notanint");
    Throwable t = failure(Responders.respondVoid(SPEC, request, c -> {}));
    assertInstanceOf(PeerInputException.class, t);
    assertInstanceOf(AmpArgumentException.class, t.getCause());
  }

  @Test
  void responderExceptionIsMappedToItsDeclaredCode() {
    AmpBox request = new AmpBox().putString("n", "1");
    Throwable t =
        failure(
            Responders.respondVoid(
                SPEC,
                request,
                c -> {
                  throw new IllegalStateException("nope");
                }));
    assertEquals("BROAD", ((RemoteAmpException) t).errorCode());
    assertEquals("nope", ((RemoteAmpException) t).description());
  }

  @Test
  void respondNowThrowsWhatTheStageWouldFailWith() {
    AmpBox bad = new AmpBox().putString("n", "notanint");
    PeerInputException input =
        assertThrows(PeerInputException.class, () -> Responders.respondVoidNow(SPEC, bad, c -> {}));
    assertInstanceOf(AmpArgumentException.class, input.getCause());
    RemoteAmpException declared =
        assertThrows(
            RemoteAmpException.class,
            () ->
                Responders.respondVoidNow(
                    SPEC,
                    new AmpBox().putString("n", "1"),
                    c -> {
                      throw new IllegalStateException("nope");
                    }));
    assertEquals("BROAD", declared.errorCode());
  }

  @Test
  void respondVoidNowAnswersInTheEmptiedRequestBox() throws Throwable {
    AmpBox request = new AmpBox().putString("n", "7").putString("_command", "Broad");
    assertSame(request, Responders.respondVoidNow(SPEC, request, c -> {}));
    assertEquals(0, request.size());
  }
}
