package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;

/**
 * One {@code @Responder} method.
 *
 * @param methodName the method's name
 * @param commandName the wire name of the command it answers
 * @param commandType the command class
 * @param serializer the command's generated {@code CommandSpec}
 * @param kind how the method returns its answer
 * @param takesConnection whether the method's second parameter is the {@code AmpConnection}
 */
public record ResponderMethod(
    String methodName,
    String commandName,
    ClassName commandType,
    ClassName serializer,
    Kind kind,
    boolean takesConnection) {

  /** How a responder method returns its answer. */
  public enum Kind {
    /** Returns {@code R}. */
    DIRECT,
    /** Returns a {@code CompletionStage} of {@code R}. */
    ASYNC,
    /** Returns {@code void}; {@code R} is {@code Void}. */
    VOID
  }
}
