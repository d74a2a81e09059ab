package dev.spindle.cli;

import dev.spindle.cred.UsernamePassword;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.JellyException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code spindle pb call}: calls a method of a Perspective Broker server's root object (or, after
 * {@code --login}, of the avatar) with literal arguments, and prints the result as Python would.
 */
final class PbCall {
  static final String USAGE = "usage: spindle pb call [options] HOST:PORT METHOD [ARG ...] [NAME=ARG ...]";

  static final String HELP = USAGE + "\n"
      + "\n"
      + "Calls remote_METHOD on the root object of the PB server at HOST:PORT (with --login,\n"
      + "perspective_METHOD on your avatar) and prints the result as Python's repr, such as\n"
      + "[1, 'two', b'three', (4,)].\n"
      + "\n"
      + "Arguments are literals (quote them for the shell); NAME=ARG is a keyword argument:\n"
      + "  42  -7  2.5  1e-3  inf  nan     \"text\" or 'text' (str)     b\"bytes\" b'\\x00\\xff' (bytes)\n"
      + "  true false null (or True False None)   [1, 2] (list)   (1, 2) (1,) () (tuple)\n"
      + "  {\"a\": 1} (dict)   {1, 2} set{} (set)   frozenset{1}   Decimal(\"1.10\")\n"
      + "\n"
      + "Options:\n"
      + "  --login USER       log in first (cred: PB's challenge-response; the password is not\n"
      + "                     sent). The password comes from the SPINDLE_PASSWORD environment\n"
      + "                     variable, else a prompt on the terminal, else the first line of\n"
      + "                     standard input; never from the command line.\n"
      + "  --no-answer        ask for no answer (Twisted's pbanswer=False); no keywords\n"
      + "  --timeout SECONDS  give up after this long (default " + Deadline.DEFAULT_SECONDS + ")\n"
      + "\n"
      + "Exit status: 0 answered, 1 the call failed remotely or the login was refused (the remote\n"
      + "type and value on stderr), 2 usage error, 3 connection or protocol failure, or timeout.\n"
      + "\n"
      + "Examples:\n"
      + "  spindle pb call localhost:8787 echo '[1, \"two\", b\"three\", (4,)]'\n"
      + "  spindle pb call localhost:8787 add 1 b=2\n"
      + "  SPINDLE_PASSWORD=secret spindle pb call --login alice localhost:8800 whoami";

  private static final Pattern KEYWORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

  private PbCall() {}

  static int run(List<String> args, Io io) {
    ArgParser.Parsed p = new ArgParser().option("login").option("timeout").flag("no-answer").parse(args);
    if (p.has("help")) {
      io.out().println(HELP);
      return Exit.OK;
    }
    Deadline deadline = Deadline.parse(p.value("timeout"));
    List<String> pos = p.positional();
    if (pos.size() < 2) {
      throw CliException.usage("missing " + (pos.isEmpty() ? "HOST:PORT and " : "") + "METHOD");
    }
    HostPort address = HostPort.parse(pos.get(0));
    String method = pos.get(1);
    List<Object> positional = new ArrayList<>();
    Map<String, Object> keywords = new LinkedHashMap<>();
    for (String a : pos.subList(2, pos.size())) {
      if (KEYWORD.matcher(a).matches()) {
        int eq = a.indexOf('=');
        String name = a.substring(0, eq);
        if (keywords.containsKey(name)) {
          throw CliException.usage("keyword argument " + name + " given twice");
        }
        keywords.put(name, PbLiteral.parse(a.substring(eq + 1)));
      } else {
        positional.add(PbLiteral.parse(a));
      }
    }
    boolean noAnswer = p.has("no-answer");
    if (noAnswer && !keywords.isEmpty()) {
      throw CliException.usage("--no-answer takes positional arguments only");
    }
    String user = p.value("login");
    byte[] password = user == null ? null : Passwords.forLogin(io, user);
    try (PbClient client = PbClient.builder().build()) {
      RemoteReference target = target(client, address, user, password, deadline);
      if (noAnswer) {
        await(deadline, target.callRemoteNoAnswer(method, positional.toArray()), method);
        io.err().println("sent " + method + " (no answer asked)");
        return Exit.OK;
      }
      Object result = await(deadline, target.callRemoteWithKeywords(method, positional, keywords), method);
      io.out().println(PyRepr.of(result));
      return Exit.OK;
    } finally {
      if (password != null) {
        Arrays.fill(password, (byte) 0);
      }
    }
  }

  private static RemoteReference target(
      PbClient client, HostPort address, String user, byte[] password, Deadline deadline) {
    if (user == null) {
      try {
        return deadline.await(client.getRootObject(address.host(), address.port()), "connecting to " + address);
      } catch (PbException e) {
        throw CliException.failure("cannot connect to " + address + ": " + Deadline.rootMessage(e), e);
      }
    }
    UsernamePassword credentials = UsernamePassword.of(user.getBytes(StandardCharsets.UTF_8), password);
    return await(deadline, client.login(address.host(), address.port(), credentials, null),
        "login as " + user, "login refused: ");
  }

  /** Waits; maps a remote failure to exit 1 and anything else that fails the call to exit 3. */
  private static <T> T await(Deadline deadline, CompletableFuture<T> future, String what) {
    return await(deadline, future, what, "remote error ");
  }

  private static <T> T await(
      Deadline deadline, CompletableFuture<T> future, String what, String remotePrefix) {
    try {
      return deadline.await(future, what);
    } catch (RemotePbException e) {
      String tb = e.remoteTraceback();
      String message = remotePrefix + e.typeName() + (e.value().isEmpty() ? "" : ": " + e.value());
      if (tb != null && !tb.isBlank() && !tb.startsWith("Traceback unavailable")) {
        message = message + "\n" + tb.stripTrailing();
      }
      throw CliException.remote(message);
    } catch (JellyException e) {
      throw CliException.failure(what + ": " + e.getMessage(), e);
    } catch (PbException e) {
      throw CliException.failure(what + ": " + Deadline.describe(e), e);
    }
  }
}
