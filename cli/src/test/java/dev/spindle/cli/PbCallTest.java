package dev.spindle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.login.Perspective;
import dev.spindle.testing.LeakChecked;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code spindle pb call} against Java PbServers: a plain root, and a cred portal for --login. */
@LeakChecked
@Timeout(60)
class PbCallTest {
  private static PbServer server;
  private static PbServer portalServer;
  private static String address;
  private static String portalAddress;
  private static volatile CompletableFuture<Object> recorded = new CompletableFuture<>();

  /** The root object: remote_ methods. */
  public static final class Calculator implements Root {
    public Object remote_echo(Object value) {
      return value;
    }

    public long remote_add(long a, long b) {
      return a + b;
    }

    public void remote_fail(String message) {
      throw new IllegalArgumentException(message);
    }

    public void remote_record(Object value) {
      recorded.complete(value);
    }
  }

  /** The avatar: perspective_ methods. */
  public static final class User implements Perspective {
    private final AvatarId id;

    User(AvatarId id) {
      this.id = id;
    }

    public String perspective_whoami() {
      return id.usernameAsString();
    }
  }

  @BeforeAll
  static void start() {
    server = PbServer.builder().root(new Calculator()).bind("127.0.0.1", 0).start();
    address = "127.0.0.1:" + server.port();
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "s3cret é");
    Realm realm = (Realm.Synchronous) (id, mind, interfaces) -> LoginResult.of(Perspective.class, new User(id), () -> {});
    portalServer = PbServer.builder().portal(new Portal(realm, users)).bind("127.0.0.1", 0).start();
    portalAddress = "127.0.0.1:" + portalServer.port();
  }

  @AfterAll
  static void stop() {
    server.close();
    portalServer.close();
  }

  @Test
  void printsTheResultAsPythonRepr() {
    Cli.Result r = Cli.run("pb", "call", address, "echo", "[1, \"two\", b\"three\", (4,)]");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("[1, 'two', b'three', (4,)]\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void nameEqualsValueIsAKeywordArgument() {
    Cli.Result r = Cli.run("pb", "call", address, "add", "1", "b=2");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("3\n", r.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "42                                  | 42",
      "-7                                  | -7",
      "123456789012345678901234567890      | 123456789012345678901234567890",
      "2.5                                 | 2.5",
      "1e16                                | 1e+16",
      "-inf                                | -inf",
      "nan                                 | nan",
      "\"it's\"                            | \"it's\"",
      "'tab\\there'                        | 'tab\\there'",
      "\"\\u00e9\\U0001F600\"              | '\u00e9\uD83D\uDE00'",
      "b'\\x00\\xff'                       | b'\\x00\\xff'",
      "true                                | True",
      "False                               | False",
      "null                                | None",
      "[]                                  | []",
      "()                                  | ()",
      "(1)                                 | 1",
      "(1, 2,)                             | (1, 2)",
      "{}                                  | {}",
      "`{\"a\": [1, {\"b\": null}], 2: (3,)}` | `{'a': [1, {'b': None}], 2: (3,)}`",
      "`{1, 2}`                            | `{1, 2}`",
      "set{}                               | set()",
      "frozenset{b'x'}                     | frozenset({b'x'})",
      "frozenset()                         | frozenset()",
      "Decimal(\"1.10\")                   | Decimal('1.10')",
      "`[[1, 2], {(1, 'a'): frozenset{3}}]` | `[[1, 2], {(1, 'a'): frozenset({3})}]`",
  })
  void literalsRoundTripThroughJelly(String literal, String repr) {
    Cli.Result r = Cli.run("pb", "call", address, "echo", literal);
    assertEquals(0, r.exit(), r::toString);
    assertEquals(repr + "\n", r.out());
  }

  @Test
  void aRemoteFailureExitsOneWithTypeAndValue() {
    Cli.Result r = Cli.run("pb", "call", address, "fail", "'boom'");
    assertEquals(1, r.exit(), r::toString);
    assertEquals("", r.out());
    assertEquals("spindle pb call: remote error java.lang.IllegalArgumentException: boom\n", r.err());
  }

  @Test
  void anUnknownMethodExitsOne() {
    Cli.Result r = Cli.run("pb", "call", address, "nope");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().startsWith("spindle pb call: remote error "), r::toString);
  }

  @Test
  void badArgumentsAreTheRemoteTypeError() {
    Cli.Result r = Cli.run("pb", "call", address, "add", "'one'", "2");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("TypeError"), r::toString);
  }

  @Test
  void noAnswerSendsAndPrintsNothing() throws Exception {
    recorded = new CompletableFuture<>();
    Cli.Result r = Cli.run("pb", "call", "--no-answer", address, "record", "[5]");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.out());
    assertEquals(new ArrayList<>(List.of(5L)), recorded.get(20, TimeUnit.SECONDS));
  }

  @Test
  void loginTakesThePasswordFromTheEnvironment() {
    Cli.Result r = Cli.run(Map.of("SPINDLE_PASSWORD", "s3cret é"), new byte[0], null,
        "pb", "call", "--login", "alice", portalAddress, "whoami");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("'alice'\n", r.out());
  }

  @Test
  void loginPromptsOnTheTerminal() {
    List<String> prompts = new ArrayList<>();
    Terminal terminal = prompt -> {
      prompts.add(prompt);
      return "s3cret é".toCharArray();
    };
    Cli.Result r = Cli.run(Map.of(), new byte[0], terminal, "pb", "call", portalAddress, "whoami", "--login", "alice");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("'alice'\n", r.out());
    assertEquals(List.of("Password for alice: "), prompts);
  }

  @Test
  void loginReadsThePasswordFromStandardInputWithoutATerminal() {
    Cli.Result r = Cli.run(Map.of(), "s3cret é\n".getBytes(StandardCharsets.UTF_8), null,
        "pb", "call", "--login", "alice", portalAddress, "whoami");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("'alice'\n", r.out());
  }

  @Test
  void aWrongPasswordExitsOne() {
    Cli.Result r = Cli.run(Map.of("SPINDLE_PASSWORD", "wrong"), new byte[0], null,
        "pb", "call", "--login", "alice", portalAddress, "whoami");
    assertEquals(1, r.exit(), r::toString);
    assertEquals("spindle pb call: login refused: twisted.cred.error.UnauthorizedLogin\n", r.err());
  }

  @Test
  void loginWithoutAPasswordSourceIsAUsageError() {
    Cli.Result r = Cli.run("pb", "call", "--login", "alice", portalAddress, "whoami");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("SPINDLE_PASSWORD"), r::toString);
  }

  @Test
  void aClosedPortExitsThree() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Cli.Result r = Cli.run("pb", "call", "127.0.0.1:" + port, "echo", "1");
    assertEquals(3, r.exit(), r::toString);
    assertTrue(r.err().startsWith("spindle pb call: cannot connect to 127.0.0.1:" + port + ": "), r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "pb",
      "pb call",
      "pb call 127.0.0.1:1",
      "pb call 127.0.0.1:1 echo hello",
      "pb call 127.0.0.1:1 echo [1,",
      "pb call 127.0.0.1:1 echo 1 2",
      "pb call 127.0.0.1:1 echo {[1]:2}",
      "pb call 127.0.0.1:1 echo {1,[2]}",
      "pb call 127.0.0.1:1 echo 'x",
      "pb call 127.0.0.1:1 echo b'\u00e9'",
      "pb call 127.0.0.1:1 echo a=1 a=2",
      "pb call --no-answer 127.0.0.1:1 echo a=1",
      "pb call 127.0.0.1:1 echo --login",
  })
  void aWrongCommandLineExitsTwo(String line) {
    List<String> args = new ArrayList<>(List.of(line.split(" ")));
    if (line.endsWith("echo 1 2")) {
      args.set(args.size() - 1, "2 3"); // one word holding two values
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void aBadLiteralNamesWhereItWentWrong() {
    Cli.Result r = Cli.run("pb", "call", "127.0.0.1:1", "echo", "[1, hello]");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("argument [1, hello]: at 5: unknown word hello"), r::toString);
  }
}
