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
    /**
     * Answers {@code command}.
     *
     * @param command the parsed command
     * @return the response; null only for a {@code Request<Void>} command
     * @throws Throwable a declared error, sent as its error code, or any other failure, sent as
     *     {@code UNKNOWN}
     */
    R apply(C command) throws Throwable;
  }

  /** A responder method that returns a stage of its response. */
  @FunctionalInterface
  public interface AsyncResponderMethod<C, R> {
    /**
     * Answers {@code command}; the stage must not be null.
     *
     * @param command the parsed command
     * @return a stage that completes with the response, or exceptionally with a declared or other
     *     error
     * @throws Throwable a failure before the stage exists, mapped as a failed stage would be
     */
    CompletionStage<? extends R> apply(C command) throws Throwable;
  }

  /** A responder method of a {@code Request<Void>} command that returns nothing. */
  @FunctionalInterface
  public interface VoidResponderMethod<C> {
    /**
     * Handles {@code command}.
     *
     * @param command the parsed command
     * @throws Throwable a declared error, sent as its error code, or any other failure, sent as
     *     {@code UNKNOWN}
     */
    void accept(C command) throws Throwable;
  }

  /**
   * Answers {@code request} with a method that returns its response directly.
   *
   * @param <C> the command type
   * @param <R> the response type
   * @param spec the command's spec, to parse the arguments, write the response and map declared
   *     errors
   * @param request the request box, without {@code _command} and {@code _ask}; emptied and reused
   *     for the answer
   * @param method the user's responder method
   * @return a completed stage with the answer box, or a failed one with the mapped error
   */
  public static <C extends Request<R>, R> CompletionStage<AmpBox> respond(
      CommandSpec<C, R> spec, AmpBox request, ResponderMethod<? super C, ? extends R> method) {
    try {
      return CompletableFuture.completedFuture(respondNow(spec, request, method));
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  /**
   * Answers {@code request} with a method that returns its response directly, without a stage:
   * returns the answer's box or throws what {@link #respond}'s stage would fail with. For an
   * {@link dev.spindle.amp.locator.ImmediateBoxResponder}.
   *
   * @param <C> the command type
   * @param <R> the response type
   * @param spec the command's spec, to parse the arguments, write the response and map declared
   *     errors
   * @param request the request box, without {@code _command} and {@code _ask}; emptied and reused
   *     for the answer
   * @param method the user's responder method
   * @return the answer box: {@code request}, emptied and filled with the response
   * @throws Throwable a {@link PeerInputException} if the arguments do not parse, a {@link
   *     RemoteAmpException} for a declared error, or what {@code method} threw
   */
  public static <C extends Request<R>, R> AmpBox respondNow(
      CommandSpec<C, R> spec, AmpBox request, ResponderMethod<? super C, ? extends R> method)
      throws Throwable {
    R response;
    C command;
    try {
      command = spec.arguments().read(request);
    } catch (Throwable t) {
      // Twisted parses before it looks at declared errors: a bad argument is always UNKNOWN.
      throw badInput(t);
    }
    try {
      response = method.apply(command);
    } catch (Throwable t) {
      throw mapFailure(spec, t);
    }
    request.clear();
    return encodeNow(spec, response, request);
  }

  /**
   * Answers {@code request} with a {@code void} method: the answer has no values.
   *
   * @param <C> the command type
   * @param spec the command's spec, to parse the arguments and map declared errors
   * @param request the request box; emptied and reused for the answer
   * @param method the user's responder method
   * @return a completed stage with the (empty) answer box, or a failed one with the mapped error
   */
  public static <C extends Request<Void>> CompletionStage<AmpBox> respondVoid(
      CommandSpec<C, Void> spec, AmpBox request, VoidResponderMethod<? super C> method) {
    try {
      return CompletableFuture.completedFuture(respondVoidNow(spec, request, method));
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  /**
   * {@link #respondVoid} without a stage, as {@link #respondNow} is to {@link #respond}.
   *
   * @param <C> the command type
   * @param spec the command's spec, to parse the arguments and map declared errors
   * @param request the request box; emptied and reused for the answer
   * @param method the user's responder method
   * @return the answer box: {@code request}, emptied
   * @throws Throwable as {@link #respondNow} does
   */
  public static <C extends Request<Void>> AmpBox respondVoidNow(
      CommandSpec<C, Void> spec, AmpBox request, VoidResponderMethod<? super C> method)
      throws Throwable {
    C command;
    try {
      command = spec.arguments().read(request);
    } catch (Throwable t) {
      // Twisted parses before it looks at declared errors: a bad argument is always UNKNOWN.
      throw badInput(t);
    }
    try {
      method.accept(command);
    } catch (Throwable t) {
      throw mapFailure(spec, t);
    }
    request.clear();
    return encodeNow(spec, null, request);
  }

  /**
   * Answers {@code request} with a method that returns a stage of its response.
   *
   * @param <C> the command type
   * @param <R> the response type
   * @param spec the command's spec, to parse the arguments, write the response and map declared
   *     errors
   * @param request the request box; not reused: the answer is a new box
   * @param method the user's responder method; its stage must not be null
   * @return a stage that completes with the answer box, or exceptionally with the mapped error
   */
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
          AmpBox box;
          try {
            box = encodeNow(spec, r, new AmpBox());
          } catch (Throwable e) {
            out.completeExceptionally(e);
            return;
          }
          out.complete(box);
        });
    return out;
  }

  /**
   * Writes {@code response} into the empty {@code box} and returns it. A failure to write it is
   * Twisted's BadLocalReturn: thrown, an undeclared error sent as {@code UNKNOWN}.
   */
  private static <C extends Request<R>, R> AmpBox encodeNow(
      CommandSpec<C, R> spec, R response, AmpBox box) {
    try {
      spec.response().write(response, box);
      return box;
    } catch (NullPointerException e) {
      if (response != null) {
        throw e;
      }
      // Twisted's BadLocalReturn: an undeclared error, sent as UNKNOWN.
      throw new AmpArgumentException(
          "responder for " + spec.commandName() + " returned null (expected: a response)", e);
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
