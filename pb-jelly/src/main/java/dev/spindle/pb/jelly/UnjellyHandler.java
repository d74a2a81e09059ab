package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;

/**
 * Rebuilds the value of an s-expression with a given head, such as Perspective Broker's {@code
 * remote}, {@code local}, {@code cached}, {@code lcache} and copy type names. Registered with
 * {@link JellyRegistry.Builder#handler}. Twisted equivalent: a class registered with {@code
 * setUnjellyableForClass}, whose {@code unjellyFor(unjellier, jellyList)} receives the whole
 * list.
 *
 * <p>The handler is called after the {@link SecurityOptions} allowed the head, on the thread that
 * unjellies. It unjellies sub-expressions with {@link Unjellier#unjelly(Sexp)}, which returns
 * complete values. For its object to be reachable from its own state (a cycle), it creates the
 * object first, passes it to {@link Unjellier#bindBlank(Object)}, then unjellies the state into
 * it and returns it. Handlers must be thread-safe: one registry serves many unjelliers.
 */
@FunctionalInterface
public interface UnjellyHandler {
  /**
   * Returns the value of {@code sexp}, whose head (element 0) is the registered one.
   *
   * @param sexp the whole list, head included
   * @param unjellier the current call's unjellier, for sub-expressions and {@link
   *     Unjellier#bindBlank(Object)}
   * @return the rebuilt value
   * @throws JellyException (usually {@link MalformedJellyException}) if {@code sexp} is wrong
   */
  Object unjelly(Sexp.SList sexp, Unjellier unjellier);
}
