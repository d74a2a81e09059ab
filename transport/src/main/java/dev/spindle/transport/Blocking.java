package dev.spindle.transport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that an AMP responder or a PB {@code remote_}/{@code view_}/{@code observe_} method
 * blocks (a database, a file, another service), so it runs on the endpoint's {@link
 * BlockingExecutor} instead of the connection's event loop. On a class: every responder or remote
 * method of it. The whole endpoint can be declared blocking too ({@link
 * EndpointBuilder#blockingCalls(boolean)}).
 *
 * <p>The arguments are read on the event loop, the method runs on the executor, and its answer
 * (or error) is written back through the event loop. See {@link BlockingExecutor} for the bound on
 * waiting calls and what the peer receives past it, and for what is and is not ordered.
 *
 * <pre>{@code
 * class Accounts {
 *   @Blocking @Responder Balance.Result balance(Balance request) { return db.balance(request.id()); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Blocking {}
