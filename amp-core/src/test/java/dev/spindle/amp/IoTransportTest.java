package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spindle.amp.testing.GoldenCommands;
import dev.spindle.amp.testing.GoldenCommands.Sum;
import dev.spindle.amp.testing.GoldenServer;
import dev.spindle.testing.LeakChecked;
import dev.spindle.transport.IoTransport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each I/O transport, forced on a server and a client over 127.0.0.1, carries a call on its own
 * channel class; a transport the platform lacks is skipped with Netty's reason.
 */
@LeakChecked
class IoTransportTest {
  private static final Map<IoTransport, String> CHANNEL = Map.of(
      IoTransport.NIO, "io.netty.channel.socket.nio.NioSocketChannel",
      IoTransport.EPOLL, "io.netty.channel.epoll.EpollSocketChannel",
      IoTransport.IO_URING, "io.netty.channel.uring.IoUringSocketChannel");

  @ParameterizedTest
  @EnumSource(value = IoTransport.class, names = {"NIO", "EPOLL", "IO_URING"})
  void aForcedTransportCarriesACallOnItsOwnChannels(IoTransport transport) {
    assumeTrue(transport.isAvailable(),
        () -> transport + " is not available here: " + transport.unavailabilityCause());
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (AmpServer server =
              AmpServer.builder().ioTransport(transport).locator(new GoldenServer()).start();
          AmpClient client = AmpClient.builder().ioTransport(transport).build()) {
        AmpConnection c = client.connect("127.0.0.1", server.port()).get(15, TimeUnit.SECONDS);
        assertEquals(CHANNEL.get(transport), c.handler().channel().getClass().getName());
        assertEquals(new Sum.Result(7),
            c.callRemote(GoldenCommands.SUM, new Sum(3, 4)).get(15, TimeUnit.SECONDS));
      }
    });
  }

  @Test
  void autoTakesEpollThenIoUringThenNio() {
    String saved = System.clearProperty(IoTransport.PROPERTY);
    try {
      IoTransport expected = IoTransport.EPOLL.isAvailable() ? IoTransport.EPOLL
          : IoTransport.IO_URING.isAvailable() ? IoTransport.IO_URING : IoTransport.NIO;
      assertSame(expected, IoTransport.AUTO.resolve());
      System.setProperty(IoTransport.PROPERTY, "nio");
      assertSame(IoTransport.NIO, IoTransport.AUTO.resolve());
      System.setProperty(IoTransport.PROPERTY, "io_uring");
      assertSame(IoTransport.IO_URING, IoTransport.AUTO.resolve());
      assertSame(IoTransport.EPOLL, IoTransport.EPOLL.resolve(), "a forced one ignores the property");
      System.setProperty(IoTransport.PROPERTY, "kqueue");
      assertThrows(IllegalArgumentException.class, IoTransport.AUTO::resolve);
    } finally {
      if (saved == null) {
        System.clearProperty(IoTransport.PROPERTY);
      } else {
        System.setProperty(IoTransport.PROPERTY, saved);
      }
    }
  }

  @Test
  void nioIsAlwaysAvailable() {
    assertEquals(null, IoTransport.NIO.unavailabilityCause());
    assertEquals(null, IoTransport.AUTO.unavailabilityCause());
  }
}
