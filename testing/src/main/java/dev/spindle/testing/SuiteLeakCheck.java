package dev.spindle.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite-wide leak check for JUnit Jupiter (and so Jazzer's fuzz tests and the QuickTheories
 * properties, each of which runs inside a {@code @Test}): installs {@link
 * LeakDetection} before every test class and fails the class if Netty reported a leaked buffer by
 * its end. Registered for every test of every module that has this test-jar, through {@code
 * META-INF/services/org.junit.jupiter.api.extension.Extension} and Jupiter's extension
 * autodetection (switched on in the parent POM's Surefire configuration). One check per class,
 * so a leak is attributed to the class that leaked or an earlier one; {@link LeakChecked} checks
 * after every test for a precise culprit.
 */
public final class SuiteLeakCheck implements BeforeAllCallback, AfterAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    LeakDetection.install();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    LeakDetection.assertNoLeaks(context.getRequiredTestClass().getName());
  }
}
