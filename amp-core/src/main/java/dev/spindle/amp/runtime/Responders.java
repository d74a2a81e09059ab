package dev.spindle.amp.runtime;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.locator.PeerInputException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Runtime support for generated locators: parses the arguments with a {@link CommandSpec}, calls
 * the user's method, serializes the response, and maps declared exceptions to {@link
 * RemoteAmpException}s. Any other failure is passed through for the dispatcher to send as {@code
 * UNKNOWN}.
 *
 * <p>The methods take the user's responder as a method reference ({@code target::divide}); the
 * functional interfaces below let it throw checked exceptions, which may be declared errors.
 *
 * <p>{@link #respond} and {@link #respondVoid} write the answer into the request box itself,
 * emptied, once the method has returned: the arguments were read out of it before (see {@link
 * BoxCodec#read}), and the server then needs one box per call, not two.
 */
public final class Responders {
  private Responders() {}

  /** A responder method that returns its response. */
  @FunctionalInterface
  public interface ResponderMethod<C, R> {
    /** Answers {@code command}. */
    R apply(C command) throws Throwable;
  }

  /** A responder method that returns a stage of its response. */
  @FunctionalInterface
  public interface AsyncResponderMethod<C, R> {
    /** Answers {@code command}; the stage must not be null. */
    CompletionStage<? extends R> apply(C command) throws Throwable;
  }

  /** A responder method of a {@code Request<Void>} command that returns nothing. */
  @FunctionalInterface
  public interface VoidResponderMethod<C> {
    /** Handles {@code command}. */
    void accept(C command) throws Throwable;
  }

  /** Answers {@code request} with a method that returns its response directly. */
  public static <C extends Request<R>, R> CompletionStage<AmpBox> respond(
      CommandSpec<C, R> spec, AmpBox request, ResponderMethod<? super C, ? extends R> method) {
    R response;
    C command;
    try {
      command = spec.arguments().read(request);
    } catch (Throwable t) {
      // Twisted parses before it looks at declared errors: a bad argument is always UNKNOWN.
      return CompletableFuture.failedFuture(badInput(t));
    }
    try {
      response = method.apply(command);
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(mapFailure(spec, t));
    }
    request.clear();
    return encode(spec, response, request);
  }

  /** Answers {@code request} with a {@code void} method: the answer has no values. */
  public static <C extends Request<Void>> CompletionStage<AmpBox> respondVoid(
      CommandSpec<C, Void> spec, AmpBox request, VoidResponderMethod<? super C> method) {
    C command;
    try {
      command = spec.arguments().read(request);
    } catch (Throwable t) {
      // Twisted parses before it looks at declared errors: a bad argument is always UNKNOWN.
      return CompletableFuture.failedFuture(badInput(t));
    }
    try {
      method.accept(command);
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(mapFailure(spec, t));
    }
    request.clear();
    return encode(spec, null, request);
  }

  /** Answers {@code request} with a method that returns a stage of its response. */
  public static <C extends Request<R>, R> CompletionStage<AmpBox> respondAsync(
      CommandSpec<C, R> spec,
      AmpBox request,
      AsyncResponderMethod<? super C, ? extends R> method) {
    CompletionStage<? extends R> stage;
    C command;
    try {
      command = spec.arguments().read(request);
    } catch (Throwable t) {
      // Twisted parses before it looks at declared errors: a bad argument is always UNKNOWN.
      return CompletableFuture.failedFuture(badInput(t));
    }
    try {
      stage = method.apply(command);
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(mapFailure(spec, t));
    }
    if (stage == null) {
      return CompletableFuture.failedFuture(
          new NullPointerException("responder for " + spec.commandName() + " returned null"));
    }
    CompletableFuture<AmpBox> out = new CompletableFuture<>();
    stage.whenComplete(
        (r, t) -> {
          if (t != null) {
            out.completeExceptionally(mapFailure(spec, unwrap(t)));
            return;
          }
          encode(spec, r, new AmpBox()).whenComplete((box, e) -> {
            if (e != null) {
              out.completeExceptionally(unwrap(e));
            } else {
              out.complete(box);
            }
          });
        });
    return out;
  }

  /** Writes {@code response} into the empty {@code box}. */
  private static <C extends Request<R>, R> CompletionStage<AmpBox> encode(
      CommandSpec<C, R> spec, R response, AmpBox box) {
    try {
      spec.response().write(response, box);
      return CompletableFuture.completedFuture(box);
    } catch (NullPointerException e) {
      if (response != null) {
        return CompletableFuture.failedFuture(e);
      }
      // Twisted's BadLocalReturn: an undeclared error, sent as UNKNOWN.
      return CompletableFuture.failedFuture(
          new AmpArgumentException(
              "responder for " + spec.commandName() + " returned null (expected: a response)", e));
    } catch (Throwable t) {
      // Twisted's BadLocalReturn: an undeclared error, sent as UNKNOWN.
      return CompletableFuture.failedFuture(t);
    }
  }

  /** A parsing failure is the peer's fault; a VM error is nobody's to describe, passed on as is. */
  private static Throwable badInput(Throwable t) {
    return t instanceof VirtualMachineError ? t : new PeerInputException(t);
  }

  private static Throwable mapFailure(CommandSpec<?, ?> spec, Throwable t) {
    if (t instanceof VirtualMachineError) {
      return t; // never a declared error: its text must not reach the peer
    }
    RemoteAmpException declared = spec.declaredError(t);
    return declared != null ? declared : t;
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
