package dev.spindle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code spindle serve-demo}'s command line; what its servers answer is {@link
 * ReadmeExamplesTest}'s.
 */
@Timeout(30)
class ServeDemoTest {
  @Test
  void helpNamesWhatItServes() {
    Cli.Result r = Cli.run("serve-demo", "--help");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("Sum(a, b)") && r.out().contains("alice") && r.out().contains("8787"), r::toString);
  }

  @Test
  void listedInTheToolsHelp() {
    Cli.Result r = Cli.run("--help");
    assertTrue(r.out().contains("serve-demo"), r::toString);
  }

  @Test
  void aBadPortIsAUsageError() {
    Cli.Result r = Cli.run("serve-demo", "--amp-port", "70000");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("--amp-port: 70000"), r::toString);
  }

  @Test
  void anExtraArgumentIsAUsageError() {
    Cli.Result r = Cli.run("serve-demo", "now");
    assertEquals(2, r.exit(), r::toString);
  }
}
