package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.examples.amp.BasicClient;
import dev.spindle.examples.amp.BasicServer;
import dev.spindle.examples.amp.CalculatorClient;
import dev.spindle.examples.amp.CalculatorServer;
import dev.spindle.examples.amp.CommandClient;
import dev.spindle.examples.amp.ReflectorServer;
import dev.spindle.examples.amp.RegistrationServer;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.testing.LeakChecked;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AMP examples against their Python Twisted counterparts ({@code howto_amp.py}), both ways:
 * Java servers answer Twisted clients, Java clients call Twisted servers.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AmpHowtoInteropTest {
  private static List<String> lines(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void twistedBasicClientConnectsToJavaBasicServer() throws Exception {
    try (AmpServer server = BasicServer.start(0)) {
      String port = String.valueOf(server.port());
      TwistedPeer.ClientRun run = TwistedPeer.runClient("howto_amp.py", 30, "basic", port);
      assertEquals(0, run.exitCode(), run.lines().toString());
      assertEquals(List.of("connected to 127.0.0.1:" + port), run.lines());
    }
  }

  @Test
  void javaBasicClientConnectsToTwistedBasicServer() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("howto_amp.py", "basic")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BasicClient.run("127.0.0.1", twisted.port(), new PrintStream(out, true, StandardCharsets.UTF_8));
      assertEquals(List.of("connected to 127.0.0.1:" + twisted.port()), lines(out));
    }
  }

  @Test
  void twistedCalculatorClientAgainstJavaCalculatorServer() throws Exception {
    try (AmpServer server = CalculatorServer.start(0)) {
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient("howto_amp.py", 30, "calculator", String.valueOf(server.port()));
      assertEquals(0, run.exitCode(), run.lines().toString());
      assertEquals(
          List.of("Sum(13, 81) = 94", "Divide(10, 4) = 2.5", "Divide(1, 0) failed: ZeroDivisionError"),
          run.lines());
    }
  }

  @Test
  void javaCalculatorClientAgainstTwistedCalculatorServer() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("howto_amp.py", "calculator")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CalculatorClient.run("127.0.0.1", twisted.port(), new PrintStream(out, true, StandardCharsets.UTF_8));
      assertEquals(
          List.of(
              "Sum(13, 81) = 94",
              "Divide(10, 4) = 2.5",
              "Divide(1, 0) failed: java.lang.ArithmeticException: division by zero"),
          lines(out));
    }
  }

  @Test
  void twistedCommandClientAgainstJavaRegistrationServer(@TempDir Path users) throws Exception {
    try (AmpServer server = RegistrationServer.start(0, users)) {
      String port = String.valueOf(server.port());
      TwistedPeer.ClientRun first = TwistedPeer.runClient("howto_amp.py", 30, "registration", port, "alice");
      assertEquals(List.of("Registration result: {'uid': 1}"), first.lines());
      TwistedPeer.ClientRun again = TwistedPeer.runClient("howto_amp.py", 30, "registration", port, "alice");
      assertEquals(List.of("Failed to register: UsernameUnavailable"), again.lines());
      assertTrue(Files.readString(users.resolve("alice")).startsWith("1 ssh-rsa"));
    }
  }

  @Test
  void javaCommandClientAgainstTwistedRegistrationServer(@TempDir Path users) throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("howto_amp.py", "registration", users.toString())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
      CommandClient.run("127.0.0.1", twisted.port(), "alice", print);
      CommandClient.run("127.0.0.1", twisted.port(), "alice", print);
      List<String> lines = lines(out);
      assertEquals("Registration result: uid=1", lines.get(0));
      assertTrue(
          lines.get(1).startsWith("Failed to register: dev.spindle.examples.amp.UsernameUnavailable"),
          lines.get(1));
    }
  }

  @Test
  void twistedClientSeesItsBoxReflectedByJavaReflector() throws Exception {
    try (AmpServer server = ReflectorServer.start(0)) {
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient("howto_amp.py", 30, "reflector", String.valueOf(server.port()));
      assertEquals(List.of("reflected: True"), run.lines());
    }
  }

  @Test
  void javaBoxReceiverGetsItsBoxBackFromTwistedReflector() throws Exception {
    CompletableFuture<AmpBox> back = new CompletableFuture<>();
    try (TwistedPeer twisted = TwistedPeer.startServer("howto_amp.py", "reflector");
        AmpClient client =
            AmpClient.builder()
                .boxReceiverFactory(
                    c ->
                        new BoxReceiver() {
                          @Override
                          public void startReceivingBoxes(BoxSender sender) {}

                          @Override
                          public void ampBoxReceived(AmpBox box) {
                            back.complete(box);
                          }

                          @Override
                          public void stopReceivingBoxes(Throwable reason) {
                            back.completeExceptionally(reason);
                          }
                        })
                .build()) {
      AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
      AmpBox box = new AmpBox().putString("hello", "world").putString("_command", "Anything");
      c.boxSender().sendBox(box);
      assertEquals(box, back.get(10, TimeUnit.SECONDS));
    }
  }
}
