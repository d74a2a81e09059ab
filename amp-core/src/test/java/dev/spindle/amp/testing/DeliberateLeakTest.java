package dev.spindle.amp.testing;

import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.SuiteLeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Proves the suite-wide leak check: with {@code -Dspindle.leakOnPurpose=true} this class drops a
 * buffer without releasing it, in a plain JUnit test and in a QuickTheories property ({@code
 * =junit} or {@code =property} for one of them), and the build must fail ({@link
 * SuiteLeakCheck}); without the property it does nothing. It is deliberately not {@link
 * LeakChecked}. See SECURITY.md, "Leak detection".
 */
class DeliberateLeakTest {
  static final String PROPERTY = "spindle.leakOnPurpose";

  @Test
  @EnabledIfSystemProperty(named = PROPERTY, matches = "true|junit")
  void dropsABufferWithoutReleasingIt() {
    leak();
  }

  @Test
  @EnabledIfSystemProperty(named = PROPERTY, matches = "true|property")
  void dropsABufferWithoutReleasingItInAProperty() {
    // Leaks on one try of the ten only: the check must catch a leak anywhere among the tries.
    Theories.qt(10).forAll(Gens.ints(0, 9)).checkAssert(i -> {
      if (i == 7) {
        leak();
      }
    });
  }

  private static void leak() {
    ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(16);
    b.writeLong(0xdeadbeefL);
    // dropped without release()
  }
}
