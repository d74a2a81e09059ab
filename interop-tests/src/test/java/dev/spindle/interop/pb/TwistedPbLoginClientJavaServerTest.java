package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.cred.Portal;
import dev.spindle.cred.checkers.AllowAnonymousAccess;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbServer;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real Twisted 22.4 PB client ({@code pb_login_peer.py client}: stock {@code
 * PBClientFactory.login}) against a Java {@link PbServer} with a cred portal ({@code
 * InMemoryUsernamePasswordDatabase} and {@code AllowAnonymousAccess}) and the Java realm of
 * {@link LoginPeer}. The Python side runs every check and prints one line per check: the right
 * password with a mind the Java avatar calls back, a Viewable, {@code trap(UnauthorizedLogin)}
 * for a wrong password and an unknown user, anonymous login, and logouts seen by the Java realm
 * on release and on disconnect, and a method of the root's own beside {@code login}.
 */
@Tag("interop")
@LeakChecked
class TwistedPbLoginClientJavaServerTest {
  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void twistedClientLogsInToJavaServer() throws Exception {
    LoginPeer.PeerRealm realm = new LoginPeer.PeerRealm();
    try (PbServer server = PbServer.builder()
        .bind("127.0.0.1", 0)
        .portal(new Portal(realm, LoginPeer.checker(), new AllowAnonymousAccess()),
            LoginPeer.PeerRoot::new)
        .start()) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("pb_login_peer.py", 60, String.valueOf(server.port()));
      String output = String.join("\n", run.lines());
      assertEquals(List.of(), run.linesStartingWith("FAIL"), output);
      assertEquals(0, run.exitCode(), output);
      assertEquals(11, run.linesStartingWith("ok ").size(), output);
    }
  }
}
