package dev.spindle.amp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Proves the suite-wide leak check: with {@code -Dspindle.leakOnPurpose=true} this class drops a
 * buffer without releasing it, in a JUnit test and in a jqwik property ({@code =junit} or {@code
 * =jqwik} for one of them), and the build must fail ({@link SuiteLeakCheck}, {@link
 * SuiteLeakHook}); without the property it does nothing. It is
 * deliberately not {@link LeakChecked}. See SECURITY.md, "Leak detection".
 */
class DeliberateLeakTest {
  static final String PROPERTY = "spindle.leakOnPurpose";

  @Test
  @EnabledIfSystemProperty(named = PROPERTY, matches = "true|junit")
  void dropsABufferWithoutReleasingIt() {
    leak();
  }

  @Property(tries = 1)
  void dropsABufferWithoutReleasingItInAProperty(@ForAll int ignored) {
    String which = System.getProperty(PROPERTY, "");
    if (which.equals("true") || which.equals("jqwik")) {
      leak();
    }
  }

  private static void leak() {
    ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(16);
    b.writeLong(0xdeadbeefL);
    // dropped without release()
  }
}
