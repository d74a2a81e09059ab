package dev.spindle.amp.command;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.RemoteAmpException;

/**
 * Everything the dispatcher needs to send and answer one command type: its wire name, how its
 * arguments and response map to boxes, and how its declared errors map to codes.
 *
 * <p>The {@code spindle-codegen} processor generates one per {@link Command} as {@code
 * <Command>_AmpSerializer.INSTANCE}; {@link dev.spindle.amp.runtime.CommandSpecs#of} finds it.
 * Implementations are immutable and thread-safe.
 *
 * @param <C> the command record
 * @param <R> the response record, or {@link Void}
 */
public interface CommandSpec<C extends Request<R>, R> {
  /** The command name on the wire ({@code _command}). */
  String commandName();

  /** The command class. */
  Class<C> commandType();

  /** Whether calls send {@code _ask} and wait for an answer. */
  boolean requiresAnswer();

  /** The codec of the arguments (without {@code _command} and {@code _ask}). */
  BoxCodec<C> arguments();

  /** The codec of the response values (without {@code _answer}). */
  BoxCodec<R> response();

  /**
   * Returns the error box content for {@code failure} if the command declares its type (in errors
   * or fatalErrors), else null. A {@link RemoteAmpException} is returned as is.
   */
  RemoteAmpException declaredError(Throwable failure);

  /**
   * Returns the exception for a declared {@code errorCode}, built with {@code description}, or
   * null if the code is not declared.
   */
  Exception declaredException(String errorCode, String description);
}
