package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.command.AmpDateTime;
import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.command.Responder;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.testing.LeakChecked;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, items 5 and 7, against a real Twisted 22.4 AMP server ({@code amp_peer.py server}):
 * DateTime offsets up to ±23:59 through {@link AmpDateTime}, and integers within CPython 3.11's
 * 4,300-digit limit, a larger one being refused locally while the connection goes on.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AmpFidelityInteropTest {
  /** Twisted's EchoDateTime, read as AmpDateTime: every offset Twisted accepts. */
  @Command(name = "EchoDateTime")
  record EchoAnyDateTime(AmpDateTime value) implements Request<EchoAnyDateTime> {}

  @Test
  void everyOffsetTwistedAcceptsRoundTripsAsAmpDateTime() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("amp_peer.py")) {
      AmpClient client = AmpClient.builder().build();
      try {
        AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
        for (String text : new String[] {"2024-02-29T23:59:59.000000+23:59", "0001-01-01T00:00:00.000001-23:59",
            "9999-12-31T23:59:59.999999+18:01", "2024-06-01T12:00:00.000000+05:30"}) {
          AmpDateTime sent = AmpDateTime.parse(text);
          AmpDateTime back = c.callRemote(new EchoAnyDateTime(sent)).get(10, TimeUnit.SECONDS).value();
          assertEquals(sent, back, text);
          assertEquals(text, back.toString());
        }
        // OffsetDateTime still goes where it can
        OffsetDateTime india = OffsetDateTime.parse("2024-06-01T12:00:00+05:30");
        assertEquals(india, c.callRemote(new PeerCommands.EchoDateTime(india)).get(10, TimeUnit.SECONDS).value());
        assertEquals(india, AmpDateTime.of(india).toOffsetDateTime());
      } finally {
        client.close();
      }
    }
  }

  /** Answers Twisted's EchoDateTime with an AmpDateTime: any offset. */
  public static final class AnyDateTimes {
    @Responder
    public EchoAnyDateTime echo(EchoAnyDateTime c) {
      return c;
    }
  }

  @Test
  void aTwistedClientsOffsetsUpTo2359ReachAJavaServerAndComeBack() throws Exception {
    try (AmpServer server = AmpServer.builder().bind("127.0.0.1", 0)
        .locator(CommandLocator.of(new AnyDateTimes())).start()) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("fidelity_peer.py", 40, "ampdatetime",
          String.valueOf(server.port()));
      String all = String.join("\n", run.lines());
      assertEquals(0, run.exitCode(), all);
      assertEquals(5, run.linesStartingWith("ok DateTime").size(), all);
      assertTrue(run.lines().contains("ok DateTime with offset +23:59 echoed by Java"), all);
      assertTrue(run.lines().contains("ok DateTime with offset -23:59 echoed by Java"), all);
    }
  }

  @Test
  void integersBeyondPythonsDigitLimitAreRefusedLocally() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("amp_peer.py")) {
      AmpClient client = AmpClient.builder().build();
      try {
        AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
        BigInteger largest = new BigInteger("9".repeat(4300)).negate();
        assertEquals(largest, c.callRemote(new PeerCommands.EchoInteger(largest)).get(10, TimeUnit.SECONDS).value());
        ExecutionException e = assertThrows(ExecutionException.class, () -> c.callRemote(
            new PeerCommands.EchoInteger(BigInteger.TEN.pow(4300))).get(10, TimeUnit.SECONDS));
        AmpArgumentException refused = assertInstanceOf(AmpArgumentException.class, e.getCause());
        assertTrue(refused.getMessage().contains("4301 digits"), refused.getMessage());
        assertEquals(largest, c.callRemote(new PeerCommands.EchoInteger(largest)).get(10, TimeUnit.SECONDS).value(),
            "nothing was sent: the connection goes on");
      } finally {
        client.close();
      }
    }
  }
}
