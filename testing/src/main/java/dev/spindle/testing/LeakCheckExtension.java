package dev.spindle.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: installs {@link LeakDetection} before the class and fails each test after
 * which Netty reports a leaked buffer. Apply it with {@link LeakChecked}.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterEachCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    LeakDetection.install();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    LeakDetection.assertNoLeaks(context.getDisplayName());
  }
}
