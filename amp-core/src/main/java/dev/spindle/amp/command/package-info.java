/**
 * Typed commands: the {@link dev.spindle.amp.command.Command} annotations that {@code
 * spindle-codegen} compiles, the {@link dev.spindle.amp.command.CommandSpec} it generates, and the
 * AMP argument types ({@link dev.spindle.amp.command.ArgumentTypes}). Sees {@code box} and {@code
 * locator}. The generated code's runtime support is in {@code dev.spindle.amp.runtime}.
 */
package dev.spindle.amp.command;
