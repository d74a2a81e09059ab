package dev.spindle.amp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails every JUnit test and jqwik property of the annotated class after which Netty reports a
 * leaked buffer (see {@link LeakDetection}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LeakCheckExtension.class)
@AddLifecycleHook(LeakCheckHook.class)
public @interface LeakChecked {}
