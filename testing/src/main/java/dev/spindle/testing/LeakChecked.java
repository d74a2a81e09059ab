package dev.spindle.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails every JUnit test of the annotated class after which Netty reports a leaked buffer (see
 * {@link LeakDetection}). A property ({@code Theories.qt(..)...checkAssert(..)}) runs inside its
 * {@code @Test}, so it is checked once after all its tries.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LeakCheckExtension.class)
public @interface LeakChecked {}
