package dev.spindle.pb.flavors;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a remote method parameter as keyword-only: Python's parameters after a bare {@code *} or
 * after {@code *args}. It is bound only by name (which needs {@code javac -parameters}), with or
 * without a {@link Default}; every parameter after it is keyword-only too.
 *
 * <pre>{@code
 * // def remote_fetch(self, key, *, timeout=30, strict)
 * public Object remote_fetch(String key, @KeywordOnly @Default("30") long timeout,
 *     @KeywordOnly boolean strict) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface KeywordOnly {}
