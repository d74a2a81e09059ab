package dev.spindle.cli;

import dev.spindle.cli.demo.DemoServers;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code spindle serve-demo}: serves what the README's command-line examples call, until killed.
 */
final class ServeDemo {
  static final String USAGE = "usage: spindle serve-demo [--host HOST] [--amp-port N] [--pb-port N] [--login-port N]";

  static final String HELP = USAGE + "\n"
      + "\n"
      + "Serves, until interrupted (Ctrl-C), what the README's examples call:\n"
      + "  AMP on port " + DemoServers.AMP_PORT + ": Sum(a, b) -> total and Divide(numerator, denominator) -> result\n"
      + "      (ZERO_DIVISION on a zero denominator), as Twisted's ampserver.py\n"
      + "  PB on port " + DemoServers.PB_PORT + ": a root with echo(value), add(a, b) and fail(message)\n"
      + "      (raises builtins.ValueError)\n"
      + "  PB login on port " + DemoServers.LOGIN_PORT + ": user alice, password secret; the avatar's whoami()\n"
      + "      returns the user name as bytes\n"
      + "\n"
      + "Options:\n"
      + "  --host HOST    address to listen on (default 127.0.0.1)\n"
      + "  --amp-port N, --pb-port N, --login-port N   the ports (0: any free port)\n"
      + "\n"
      + "Example:\n"
      + "  spindle serve-demo &\n"
      + "  spindle amp call 127.0.0.1:1234 Sum a=integer:13 b=integer:81";

  private ServeDemo() {}

  static int run(List<String> args, Io io) {
    ArgParser.Parsed p = new ArgParser()
        .option("host").option("amp-port").option("pb-port").option("login-port")
        .parse(args);
    if (p.has("help")) {
      io.out().println(HELP);
      return Exit.OK;
    }
    if (!p.positional().isEmpty()) {
      throw CliException.usage("unexpected argument " + p.positional().get(0));
    }
    String host = p.value("host") == null ? "127.0.0.1" : p.value("host");
    int amp = port(p, "amp-port", DemoServers.AMP_PORT);
    int pb = port(p, "pb-port", DemoServers.PB_PORT);
    int login = port(p, "login-port", DemoServers.LOGIN_PORT);
    DemoServers servers;
    try {
      servers = DemoServers.start(host, amp, pb, login);
    } catch (RuntimeException e) {
      throw CliException.failure("cannot listen: " + Deadline.describe(e), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      servers.close();
      stopped.countDown();
    }, "spindle-serve-demo-stop"));
    io.out().println("AMP Sum/Divide on " + host + ":" + servers.ampPort());
    io.out().println("PB echo/add/fail on " + host + ":" + servers.pbPort());
    io.out().println("PB login alice/secret, whoami, on " + host + ":" + servers.loginPort());
    io.out().println("serving until interrupted (Ctrl-C)");
    io.out().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      servers.close();
    }
    return Exit.OK;
  }

  private static int port(ArgParser.Parsed p, String name, int fallback) {
    String v = p.value(name);
    if (v == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(v);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw CliException.usage("--" + name + ": " + v + " (expected: a port, 0 to 65535)");
  }
}
