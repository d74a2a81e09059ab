package dev.spindle.transport;

import java.util.concurrent.CompletionStage;

/**
 * Sees, and may refuse or decorate, each call of an AMP or PB connection: the client side (calls
 * this side makes) or the server side (the peer's calls to responders and remote methods),
 * whichever chain it is added to on the endpoint's builder ({@link
 * EndpointBuilder#intercept(CallInterceptor...)}, {@link
 * EndpointBuilder#interceptClientCalls(CallInterceptor...)}). Chains run in the order added: the
 * first interceptor is outermost.
 *
 * <p>An interceptor calls {@code next.proceed()} at most once and returns its stage, or a stage
 * derived from it (to see the result, error and time taken: {@link CallInfo#startNanos()}). To
 * refuse a call it throws, or returns a failed stage, without proceeding: a {@link
 * CallRejectedException} reaches the peer as a proper error with the connection kept (AMP: an
 * error box with its code; PB: a {@code pb.Error}); on the server side an AMP {@code
 * RemoteAmpException} or a PB {@code pb.Error} goes as such, any other exception as the protocol's
 * undeclared error (AMP: {@code UNKNOWN}, which closes the connection, as in Twisted). On the
 * client side the caller's future fails with what it throws.
 *
 * <p>Server side: runs on the connection's event loop, before a {@link Blocking} call is handed to
 * its executor (so a refusal costs no executor slot), and the stage it gets from {@code proceed()}
 * completes when the call does (on the executor thread for a blocking call). Client side: runs on
 * the caller's thread; an interceptor there sees and may refuse the call, but the caller's future
 * is the call's own (an interceptor cannot replace its result). Must not block. With no
 * interceptors, a call costs one null check.
 */
@FunctionalInterface
public interface CallInterceptor {
  /**
   * Handles {@code call}: usually {@code return next.proceed();}, with work before and after.
   *
   * @param call the call; its arguments may be read, and on the client side AMP headers added
   * @param next the rest of the chain; call {@link Next#proceed()} at most once
   * @return the stage from {@code next.proceed()}, one derived from it, or a failed stage to refuse
   * @throws Exception to refuse the call, as a failed stage would
   */
  CompletionStage<?> intercept(CallInfo call, Next next) throws Exception;

  /** The rest of the chain, then the call itself. */
  @FunctionalInterface
  interface Next {
    /**
     * Runs the rest of the chain and the call; the stage completes with its result.
     *
     * @return a stage that completes with the call's result, or exceptionally with its error
     */
    CompletionStage<?> proceed();
  }
}
