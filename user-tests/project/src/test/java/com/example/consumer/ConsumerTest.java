package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A user's own test: the generated locator answers an AMP call; a PB client logs in. */
@Timeout(60)
class ConsumerTest {
  @Test
  void ampCommandAnswered() throws Exception {
    AmpServer server = AmpServer.builder()
        .bind("127.0.0.1", 0)
        .locator(new Adder_AmpLocator(new Adder()))
        .start();
    try (AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", server.address().getPort()).get(10, TimeUnit.SECONDS);
      assertEquals(42, c.callRemote(new Add(40, 2)).get(10, TimeUnit.SECONDS).total());
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      server.close();
    }
  }

  @Test
  void pbLoginAndCall() throws Exception {
    PbServer server = PbServer.builder().bind("127.0.0.1", 0).portal(Accounts.portal()).start();
    try (PbClient client = PbClient.builder().build()) {
      Object who = client.login("127.0.0.1", server.address().getPort(), UsernamePassword.of("alice", "secret"), null)
          .thenCompose(perspective -> perspective.callRemote("whoami"))
          .get(10, TimeUnit.SECONDS);
      assertEquals("alice", who);
    } finally {
      server.close();
    }
  }
}
