package dev.spindle.attacks;

import dev.spindle.amp.AmpServer;
import dev.spindle.amp.auth.AmpLoginServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.testing.GoldenServer;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.CredentialsChecker;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbServer;
import dev.spindle.transport.TransportOptions;
import dev.spindle.pb.login.Perspective;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers under attack, all in this JVM on one event-loop group of two threads (as on a
 * 2-core CI box, so that a blocked loop shows): an AMP server answering the golden commands
 * ({@code Sum}, ...), an AMP login server, and a PB server logging in through a {@link Portal}
 * (pre-login root: Twisted's {@code _PortalWrapper}; avatar: {@link EchoAvatar}). Every server
 * keeps its defaults (throttling included). User {@code alice}, password {@code secret}; {@link
 * #passwordChecks()} counts the checker's work, so login attacks can show the throttle.
 */
final class AttackTarget implements AutoCloseable {
  static final String USER = "alice";
  static final String PASSWORD = "secret";

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final AtomicInteger passwordChecks = new AtomicInteger();
  final AmpServer amp;
  final AmpServer ampLogin;
  final PbServer pb;

  AttackTarget() {
    this(TransportOptions.DEFAULT);
  }

  /** The servers with {@code options} (time limits, memory budget). */
  AttackTarget(TransportOptions options) {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser(USER, PASSWORD);
    CredentialsChecker counting = new CredentialsChecker() {
      @Override
      public List<Class<? extends Credentials>> credentialInterfaces() {
        return users.credentialInterfaces();
      }

      @Override
      public CompletionStage<AvatarId> requestAvatarId(Credentials credentials) {
        passwordChecks.incrementAndGet();
        return users.requestAvatarId(credentials);
      }
    };
    Realm ampRealm = (Realm.Synchronous) (id, mind, interfaces) ->
        LoginResult.of(CommandLocator.class, name -> name.equals("Whoami")
            ? box -> CompletableFuture.completedFuture(new AmpBox().putString("name", USER))
            : null);
    Realm pbRealm = (Realm.Synchronous) (id, mind, interfaces) ->
        LoginResult.of(Perspective.class, new EchoAvatar(), () -> {});
    amp = AmpServer.builder().locator(new GoldenServer()).eventLoopGroup(group).transportOptions(options).start();
    ampLogin = AmpServer.builder()
        .locatorFactory(AmpLoginServer.builder(new Portal(ampRealm, counting)).build())
        .eventLoopGroup(group)
        .transportOptions(options)
        .start();
    pb = PbServer.builder().portal(new Portal(pbRealm, counting)).eventLoopGroup(group)
        .transportOptions(options).start();
  }

  /** How many times the checker was asked about credentials. */
  int passwordChecks() {
    return passwordChecks.get();
  }

  @Override
  public void close() {
    try {
      amp.close();
      ampLogin.close();
      pb.close();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** The avatar of the PB probes. */
  public static final class EchoAvatar implements Perspective {
    public Object perspective_echo(Object value) {
      return value;
    }
  }
}
