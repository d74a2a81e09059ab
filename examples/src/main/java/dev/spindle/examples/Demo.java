package dev.spindle.examples;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.examples.amp.BoxReflector;
import dev.spindle.examples.amp.Calculator;
import dev.spindle.examples.amp.Calculator_AmpLocator;
import dev.spindle.examples.amp.Divide;
import dev.spindle.examples.amp.RegisterUser;
import dev.spindle.examples.amp.Sum;
import dev.spindle.examples.amp.UserRegistration;
import dev.spindle.examples.amp.UserRegistration_AmpLocator;
import dev.spindle.examples.cred.Pb5Server;
import dev.spindle.examples.pb.CopyReceiver;
import dev.spindle.examples.pb.CopySender;
import dev.spindle.examples.pb.ExcServer;
import dev.spindle.examples.pb.PbSimple;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ValueText;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The README's demo: Java AMP servers and a Java client on 127.0.0.1, then Java Perspective Broker
 * servers (from the PB howto) and a Java PB client, printing what they exchange. Ends by itself.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path users = Files.createTempDirectory("spindle-demo-users");
    Calculator calculator = new Calculator();
    UserRegistration registration = new UserRegistration(users);
    try (AmpServer server =
            AmpServer.builder()
                .bind("127.0.0.1", 0)
                .locator(
                    new Calculator_AmpLocator(calculator)
                        .orElse(new UserRegistration_AmpLocator(registration)))
                .start();
        AmpServer reflector =
            AmpServer.builder().bind("127.0.0.1", 0).boxReceiverFactory(c -> new BoxReflector()).start();
        AmpClient client = AmpClient.builder().build()) {
      System.out.println("AMP server (calculator, registration) on " + server.address());
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);

      show("Sum(a=13, b=81)", () -> "total=" + c.callRemote(new Sum(13, 81)).join().total());
      show("Divide(numerator=10, denominator=4)",
          () -> "result=" + c.callRemote(new Divide(10, 4)).join().result());
      show("Divide(numerator=1, denominator=0)",
          () -> "result=" + c.callRemote(new Divide(1, 0)).join().result());
      byte[] key = "ssh-rsa AAAAB3NzaC1yc2 alice@actinium".getBytes(StandardCharsets.US_ASCII);
      show("RegisterUser(username='alice')",
          () -> "uid=" + c.callRemote(new RegisterUser("alice", key)).join().uid());
      show("RegisterUser(username='alice') again",
          () -> "uid=" + c.callRemote(new RegisterUser("alice", key)).join().uid());
      show("callRemoteString('Nope')",
          () -> String.valueOf(c.callRemoteString("Nope", new AmpBox()).join()));

      long start = System.nanoTime();
      List<CompletableFuture<Sum.Result>> calls = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        calls.add(c.callRemote(new Sum(i, 1)));
      }
      CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
      long micros = (System.nanoTime() - start) / 1000;
      System.out.printf("client -> server  10,000 pipelined Sum calls%n"
          + "server -> client  10,000 answers in %,d us (cold JVM)%n", micros);

      CompletableFuture<AmpBox> reflected = new CompletableFuture<>();
      try (AmpClient raw =
          AmpClient.builder().boxReceiverFactory(x -> new Collector(reflected)).build()) {
        AmpConnection r = raw.connect("127.0.0.1", reflector.port()).get(10, TimeUnit.SECONDS);
        AmpBox box = new AmpBox().putString("hello", "world");
        System.out.println("client -> reflector  " + box);
        r.boxSender().sendBox(box);
        System.out.println("reflector -> client  " + reflected.get(10, TimeUnit.SECONDS));
        r.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    perspectiveBroker();
    System.out.println("done.");
  }

  /**
   * The PB part: the pbsimple Echoer, exc_server and copy_receiver servers of the PB howto, and a
   * Java client calling them.
   */
  private static void perspectiveBroker() throws Exception {
    PrintStream serverOut = new PrintStream(System.out, true, StandardCharsets.UTF_8) {
      @Override
      public void println(String line) {
        super.println("  (server prints) " + line);
      }
    };
    try (PbServer echoer = PbSimple.start(0, serverOut);
        PbServer exc = ExcServer.start(0, serverOut);
        PbServer ponds = CopyReceiver.start(0, serverOut);
        PbServer guarded = Pb5Server.start(0, serverOut);
        PbClient client = PbClient.builder().build()) {
      System.out.println("PB server (pbsimple Echoer) on " + echoer.address());
      RemoteReference root = client.getRootObject("127.0.0.1", echoer.port()).get(10, TimeUnit.SECONDS);
      show("callRemote('echo', 'hello network')",
          () -> "'" + root.callRemote(String.class, "echo", "hello network").join() + "'");
      List<Object> values = List.of(42, 2.5, Map.of("frogs", 7));
      show("callRemote('echo', " + ValueText.repr(values, 200) + ")",
          () -> ValueText.repr(root.callRemote("echo", values).join(), 200));

      System.out.println("PB server (exc_server One) on " + exc.address());
      RemoteReference one = client.getRootObject("127.0.0.1", exc.port()).get(10, TimeUnit.SECONDS);
      show("callRemote('broken')", () -> String.valueOf(one.callRemote("broken").join()));

      System.out.println("PB server (copy_receiver Receiver) on " + ponds.address());
      RemoteReference receiver = client.getRootObject("127.0.0.1", ponds.port()).get(10, TimeUnit.SECONDS);
      CopySender.CopyPond pond = new CopySender.CopyPond();
      pond.setStuff("green", 7);
      show("callRemote('takePond', pond), a Copyable sent by value as ['" + pond.getTypeToCopyFor(null)
              + "', " + pond.getStateToCopyFor(null) + "]",
          () -> "'" + receiver.callRemote(String.class, "takePond", pond).join() + "'");

      System.out.println("PB server with cred (pb5server: a Portal, user1/pass1) on " + guarded.address());
      show("login(UsernamePassword('user1', 'pass1')), then perspective.callRemote('foo', 12)",
          () -> {
            RemoteReference perspective =
                client.login("127.0.0.1", guarded.port(), UsernamePassword.of("user1", "pass1"), null)
                    .get(10, TimeUnit.SECONDS);
            return "logged in; foo answered " + perspective.callRemote("foo", 12).join();
          });
      show("login(UsernamePassword('user1', 'wrong'))",
          () -> "logged in? " + client.login("127.0.0.1", guarded.port(),
              UsernamePassword.of("user1", "wrong"), null).join());
    }
  }

  /** A box-level receiver that keeps the first box. */
  private static final class Collector implements BoxReceiver {
    private final CompletableFuture<AmpBox> first;

    Collector(CompletableFuture<AmpBox> first) {
      this.first = first;
    }

    @Override
    public void startReceivingBoxes(BoxSender sender) {}

    @Override
    public void ampBoxReceived(AmpBox box) {
      first.complete(box);
    }

    @Override
    public void stopReceivingBoxes(Throwable reason) {
      first.completeExceptionally(reason);
    }
  }

  private interface Call {
    String run() throws Exception;
  }

  private static void show(String request, Call call) {
    System.out.println("client -> server  " + request);
    try {
      System.out.println("server -> client  " + call.run());
    } catch (CompletionException e) {
      System.out.println("server -> client  error: " + describe(e.getCause()));
    } catch (Exception e) {
      System.out.println("server -> client  error: " + describe(e));
    }
  }

  /** A remote failure as its Python type and value ({@code UnauthorizedLogin}: no value, no colon). */
  private static String describe(Throwable e) {
    if (e instanceof RemotePbException) {
      RemotePbException r = (RemotePbException) e;
      return r.value() == null || r.value().isEmpty() ? r.typeName() : r.typeName() + ": " + r.value();
    }
    return String.valueOf(e);
  }
}
