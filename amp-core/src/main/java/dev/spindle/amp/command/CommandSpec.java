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
  /**
   * The command name on the wire ({@code _command}).
   *
   * @return the command's name, as sent under {@code _command}
   */
  String commandName();

  /**
   * The command class.
   *
   * @return the command record's class
   */
  Class<C> commandType();

  /**
   * Whether calls send {@code _ask} and wait for an answer.
   *
   * @return false for a command declared with {@code requiresAnswer = false}
   */
  boolean requiresAnswer();

  /**
   * The codec of the arguments (without {@code _command} and {@code _ask}).
   *
   * @return the codec between the command record and its argument box
   */
  BoxCodec<C> arguments();

  /**
   * The codec of the response values (without {@code _answer}).
   *
   * @return the codec between the response record and its answer box; for {@link Void}, an empty
   *     one
   */
  BoxCodec<R> response();

  /**
   * Returns the error box content for {@code failure} if the command declares its type (in errors
   * or fatalErrors), else null. A {@link RemoteAmpException} is returned as is.
   *
   * @param failure what the responder threw, or its stage failed with
   * @return the error code and description to send, or null if the failure is not declared
   */
  RemoteAmpException declaredError(Throwable failure);

  /**
   * Returns the exception for a declared {@code errorCode}, built with {@code description}, or
   * null if the code is not declared.
   *
   * @param errorCode the error code received
   * @param description the description received with it
   * @return the declared exception, or null to report the error as a {@link RemoteAmpException}
   */
  Exception declaredException(String errorCode, String description);
}
