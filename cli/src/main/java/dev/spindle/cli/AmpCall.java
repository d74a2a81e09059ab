package dev.spindle.cli;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code spindle amp call}: calls any command on any AMP server, its arguments typed on the
 * command line; prints the answer box or the error.
 */
final class AmpCall {
  static final String USAGE = "usage: spindle amp call [options] HOST:PORT COMMAND [NAME=TYPE:VALUE ...]\n"
      + "       spindle amp call --raw [options] HOST:PORT [KEY=VALUE ...]";

  static final String HELP = USAGE + "\n"
      + "\n"
      + "Calls COMMAND on the AMP server at HOST:PORT and prints the answer box, one KEY=VALUE\n"
      + "per line (without _answer). Values are shown as Python bytes (b'94') unless --response\n"
      + "names their type.\n"
      + "\n"
      + "Arguments, one per word, NAME=TYPE:VALUE, sent exactly as Twisted sends them:\n"
      + "  integer:13   string:text (raw bytes, UTF-8)   string:hex:00ff   unicode:héllo\n"
      + "  boolean:true   float:2.5 (also inf, nan)   decimal:1.10   path:some/file (sent absolute)\n"
      + "  datetime:2012-01-23T12:34:56.054321+01:00 (or ...Z, or now)\n"
      + "  listof-TYPE:a,b,c (\\, is a comma inside an item; empty is an empty list)\n"
      + "  Aliases: int, bytes, str, bool.\n"
      + "\n"
      + "Options:\n"
      + "  --response NAME=TYPE  show the answer's NAME decoded as TYPE (repeatable)\n"
      + "  --no-answer           send without _ask: nothing comes back, not even errors\n"
      + "  --raw                 send one literal box: each KEY=VALUE verbatim (UTF-8), _command\n"
      + "                        and _ask included if you give them; print every box that comes\n"
      + "                        back until the one answering your _ask (none without _ask)\n"
      + "  --timeout SECONDS     give up after this long (default " + Deadline.DEFAULT_SECONDS + ")\n"
      + "\n"
      + "Exit status: 0 answered, 1 error box (its code and description on stderr), 2 usage error,\n"
      + "3 connection or protocol failure, or timeout.\n"
      + "\n"
      + "Examples:\n"
      + "  spindle amp call 127.0.0.1:1234 Sum a=integer:13 b=integer:81 --response total=integer\n"
      + "  spindle amp call localhost:1234 Divide numerator=integer:1 denominator=integer:0\n"
      + "  spindle amp call --raw localhost:1234 _command=Sum _ask=1 a=13 b=81";

  /** Keys the dispatcher writes; a typed call may not set them. */
  private static final Set<String> RESERVED = Set.of(
      AmpKeys.ASK, AmpKeys.ANSWER, AmpKeys.COMMAND, AmpKeys.ERROR, AmpKeys.ERROR_CODE,
      AmpKeys.ERROR_DESCRIPTION);

  private AmpCall() {}

  static int run(List<String> args, Io io) {
    ArgParser.Parsed p = new ArgParser()
        .flag("raw").flag("no-answer").option("response").option("timeout")
        .parse(args);
    if (p.has("help")) {
      io.out().println(HELP);
      return Exit.OK;
    }
    Deadline deadline = Deadline.parse(p.value("timeout"));
    List<String> pos = p.positional();
    boolean raw = p.has("raw");
    if (raw && (p.has("response") || p.has("no-answer"))) {
      throw CliException.usage("--raw sends the box as given: no --response or --no-answer with it");
    }
    if (pos.size() < (raw ? 1 : 2)) {
      throw CliException.usage(raw ? "missing HOST:PORT" : "missing " + (pos.isEmpty() ? "HOST:PORT and " : "") + "COMMAND");
    }
    HostPort address = HostPort.parse(pos.get(0));
    if (raw) {
      return raw(address, rawBox(pos.subList(1, pos.size())), deadline, io);
    }
    String command = pos.get(1);
    AmpBox box = typedBox(pos.subList(2, pos.size()));
    Map<String, AmpValues.Type> hints = hints(p.values("response"));
    return call(address, command, box, !p.has("no-answer"), hints, deadline, io);
  }

  /** Builds the argument box from NAME=TYPE:VALUE words. */
  static AmpBox typedBox(List<String> words) {
    AmpBox box = new AmpBox();
    for (String w : words) {
      int eq = w.indexOf('=');
      int colon = eq < 0 ? -1 : w.indexOf(':', eq);
      if (eq <= 0 || colon < 0) {
        throw CliException.usage("argument: " + w + " (expected: NAME=TYPE:VALUE, such as a=integer:13)");
      }
      String name = w.substring(0, eq);
      if (RESERVED.contains(name)) {
        throw CliException.usage("argument: " + name + " is written by AMP itself (use --raw to send a literal box)");
      }
      byte[] key = name.getBytes(StandardCharsets.UTF_8);
      if (box.containsKey(key)) {
        throw CliException.usage("argument: " + name + " given twice");
      }
      AmpValues.Type type = AmpValues.Type.parse(w.substring(eq + 1, colon));
      byte[] value;
      try {
        value = type.encode(w.substring(colon + 1));
      } catch (AmpArgumentException e) {
        throw CliException.usage("argument " + name + ": " + e.getMessage());
      }
      put(box, key, value, name);
    }
    return box;
  }

  /** Builds a literal box from KEY=VALUE words. */
  static AmpBox rawBox(List<String> words) {
    AmpBox box = new AmpBox();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage("box entry: " + w + " (expected: KEY=VALUE)");
      }
      String name = w.substring(0, eq);
      put(box, name.getBytes(StandardCharsets.UTF_8), w.substring(eq + 1).getBytes(StandardCharsets.UTF_8), name);
    }
    return box;
  }

  private static void put(AmpBox box, byte[] key, byte[] value, String name) {
    try {
      box.put(key, value);
    } catch (AmpException e) {
      throw CliException.usage("argument " + name + ": " + e.getMessage());
    }
  }

  private static Map<String, AmpValues.Type> hints(List<String> specs) {
    Map<String, AmpValues.Type> hints = new LinkedHashMap<>();
    for (String s : specs) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage("--response: " + s + " (expected: NAME=TYPE, such as total=integer)");
      }
      hints.put(s.substring(0, eq), AmpValues.Type.parse(s.substring(eq + 1)));
    }
    return hints;
  }

  private static int call(
      HostPort address, String command, AmpBox box, boolean wantAnswer,
      Map<String, AmpValues.Type> hints, Deadline deadline, Io io) {
    try (AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = connect(client, address, deadline);
      AmpBox answer;
      try {
        answer = deadline.await(c.callRemoteString(command, box, wantAnswer), command);
      } catch (RemoteAmpException e) {
        throw CliException.remote("remote error " + e.errorCode() + ": " + e.description());
      } catch (AmpException e) {
        throw CliException.failure(command + ": " + Deadline.describe(e), e);
      }
      if (!wantAnswer) {
        deadline.await(c.close().toCompletableFuture(), "closing");
        io.err().println("sent " + command + " (no answer asked)");
        return Exit.OK;
      }
      printAnswer(answer, hints, io);
      return Exit.OK;
    }
  }

  private static AmpConnection connect(AmpClient client, HostPort address, Deadline deadline) {
    try {
      return deadline.await(client.connect(address.host(), address.port()), "connecting to " + address);
    } catch (AmpException e) {
      throw CliException.failure("cannot connect to " + address + ": " + Deadline.rootMessage(e), e);
    }
  }

  private static void printAnswer(AmpBox answer, Map<String, AmpValues.Type> hints, Io io) {
    for (int i = 0; i < answer.size(); i++) {
      String key = Dump.keyText(answer.keyAt(i));
      if (key.equals(AmpKeys.ANSWER)) {
        continue;
      }
      byte[] value = answer.valueAt(i);
      AmpValues.Type hint = hints.get(key);
      String shown = PyText.bytes(value);
      if (hint != null) {
        try {
          shown = hint.show(value);
        } catch (AmpArgumentException e) {
          io.err().println("spindle: --response " + key + "=" + hint.typeName() + ": " + e.getMessage()
              + "; shown as bytes");
        }
      }
      io.out().println(key + "=" + shown);
    }
    for (String key : hints.keySet()) {
      if (!answer.containsKey(key.getBytes(StandardCharsets.UTF_8))) {
        io.err().println("spindle: --response " + key + ": not in the answer");
      }
    }
  }

  /** Prints a box as KEY=VALUE lines, values as Python bytes. */
  static void printBox(AmpBox box, Io io) {
    for (int i = 0; i < box.size(); i++) {
      io.out().println(Dump.keyText(box.keyAt(i)) + "=" + PyText.bytes(box.valueAt(i)));
    }
  }

  private static int raw(HostPort address, AmpBox box, Deadline deadline, Io io) {
    byte[] ask = box.get(AmpKeys.ASK);
    RawReceiver receiver = new RawReceiver(ask, io);
    try (AmpClient client = AmpClient.builder().boxReceiverFactory(c -> receiver).build()) {
      AmpConnection c = connect(client, address, deadline);
      c.boxSender().sendBox(box);
      if (ask == null) {
        deadline.await(c.close().toCompletableFuture(), "sending");
        io.err().println("sent the box (no _ask: no answer expected)");
        return Exit.OK;
      }
      AmpBox answer = deadline.await(receiver.answer, "waiting for the answer to _ask " + PyText.bytes(ask));
      return answer.containsKey(AmpKeys.ERROR) ? Exit.REMOTE_ERROR : Exit.OK;
    }
  }

  /** Prints every box received; completes when the one answering {@code ask} arrives. */
  private static final class RawReceiver implements BoxReceiver {
    final CompletableFuture<AmpBox> answer = new CompletableFuture<>();
    private final byte[] ask;
    private final Io io;
    private int received;

    RawReceiver(byte[] ask, Io io) {
      this.ask = ask;
      this.io = io;
    }

    @Override
    public void startReceivingBoxes(BoxSender sender) {}

    @Override
    public void ampBoxReceived(AmpBox box) {
      if (answer.isDone()) {
        return;
      }
      synchronized (io.out()) {
        if (received++ > 0) {
          io.out().println();
        }
        printBox(box, io);
        io.out().flush();
      }
      if (ask != null
          && (Arrays.equals(ask, box.get(AmpKeys.ANSWER)) || Arrays.equals(ask, box.get(AmpKeys.ERROR)))) {
        answer.complete(box);
      }
    }

    @Override
    public void stopReceivingBoxes(Throwable reason) {
      Throwable cause = reason == null ? null : reason.getCause();
      answer.completeExceptionally(CliException.failure(
          "the server closed the connection before answering"
              + (cause == null ? "" : ": " + Deadline.describe(cause)), cause));
    }
  }
}
