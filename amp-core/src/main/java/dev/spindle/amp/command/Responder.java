package dev.spindle.amp.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that answers one {@link Command}: it takes the command record and returns the
 * response record, a {@code CompletionStage} of it, or {@code void} for a {@code Request<Void>}.
 * Exceptions declared by the command travel as their error codes.
 *
 * <p>The {@code spindle-codegen} processor generates {@code <Class>_AmpLocator}, a {@link
 * dev.spindle.amp.locator.CommandLocator} that dispatches to the annotated methods of one
 * instance with a {@code switch}, without reflection. The methods must not be private. Twisted
 * equivalent: {@code Command.responder}.
 *
 * <pre>{@code
 * class Calculator {
 *   @Responder Sum.Result sum(Sum request) { return new Sum.Result(request.a() + request.b()); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Responder {}
