package dev.spindle.amp.testing;

import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * The suite-wide leak check for jqwik: installs {@link LeakDetection} before every container and
 * fails each test class whose properties left Netty reporting a leaked buffer. Registered for
 * every property of every module that has this test-jar, through {@code
 * META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}. The jqwik side of {@link
 * SuiteLeakCheck}.
 */
public final class SuiteLeakHook implements AroundContainerHook {
  /** Registered globally (on the engine), the hook must reach every class below it. */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public void beforeContainer(ContainerLifecycleContext context) {
    LeakDetection.install();
  }

  @Override
  public void afterContainer(ContainerLifecycleContext context) {
    context.optionalContainerClass().ifPresent(c -> LeakDetection.assertNoLeaks(c.getName()));
  }
}
