package dev.spindle.amp.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * jqwik hook: the {@link LeakCheckExtension} of properties. Installs {@link LeakDetection} before
 * the property and fails it if Netty reports a leaked buffer after all its tries. Apply it with
 * {@link LeakChecked}.
 */
public final class LeakCheckHook implements AroundPropertyHook {
  /** Applied to a class, the hook wraps every property in it (jqwik's default would not). */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    LeakDetection.install();
    PropertyExecutionResult result = property.execute();
    try {
      LeakDetection.assertNoLeaks(context.label());
    } catch (AssertionError e) {
      return result.mapToFailed(e);
    }
    return result;
  }
}
