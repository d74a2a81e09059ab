package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;

/**
 * One {@code @ErrorCode} of a command.
 *
 * @param code the error code on the wire
 * @param exceptionType the exception class, with a public constructor taking a String
 * @param fatal whether it came from {@code fatalErrors}
 */
public record DeclaredError(String code, ClassName exceptionType, boolean fatal) {}
