package dev.spindle.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code spindle} command: talks AMP and Perspective Broker to any server from the shell.
 *
 * <pre>
 * spindle amp call HOST:PORT COMMAND name=type:value ...   call an AMP command
 * spindle pb call HOST:PORT METHOD ARGS...                 call a PB remote method
 * spindle dump [FILE|-]                                    print a captured AMP/Banana/PB stream
 * spindle hashpw FILE USER                                 write a bcrypt password file entry
 * spindle serve-demo                                       serve what the README's examples call
 * </pre>
 *
 * <p>Results go to standard output, progress and errors to standard error. Exit status: 0 success,
 * 1 the peer answered with an error, 2 usage error, 3 connection or protocol failure (see {@link
 * Exit}). {@link #run} is the whole program without {@code System.exit}, for tests and embedding.
 */
public final class Spindle {
  static final String USAGE = "usage: spindle [-v] COMMAND [ARGS...]   (spindle COMMAND --help for more)";

  static final String HELP = USAGE + "\n"
      + "\n"
      + "Talks Twisted's AMP and Perspective Broker from the shell, byte for byte as Twisted does.\n"
      + "\n"
      + "Commands:\n"
      + "  amp call HOST:PORT COMMAND [NAME=TYPE:VALUE ...]   call an AMP command, print the answer\n"
      + "  pb call HOST:PORT METHOD [ARG ...] [NAME=ARG ...]  call a PB remote method, print the result\n"
      + "  dump [FILE|-]                                      print a captured AMP, Banana or PB stream\n"
      + "  hashpw FILE USER                                   write a bcrypt password file entry\n"
      + "  serve-demo                                         serve what the README's examples call\n"
      + "\n"
      + "Options: -v, --verbose  log the connections (SLF4J, to stderr); --version; -h, --help.\n"
      + "\n"
      + "Exit status: 0 success, 1 the peer answered with an error, 2 usage error,\n"
      + "3 connection or protocol failure (cannot connect, lost, timed out, malformed bytes).";

  private Spindle() {}

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the command line, as described in the class comment
   */
  public static void main(String[] args) {
    // UTF-8 whatever the locale: Python's repr keeps non-ASCII text as is.
    PrintStream out = new PrintStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int status = run(args, out, err, System.in, System.getenv());
    out.flush();
    System.exit(status);
  }

  /**
   * Runs the command line {@code args}: results to {@code out}, progress and errors to {@code err};
   * {@code in} is standard input, {@code env} the environment (for {@code SPINDLE_PASSWORD}).
   * Password prompts use the process's console if there is one.
   *
   * @param args the command line, as described in the class comment; not null
   * @param out where results go
   * @param err where progress, errors and usage go
   * @param in standard input, read by {@code dump -} and for passwords without a console
   * @param env the environment variables; {@code SPINDLE_PASSWORD} is read from it
   * @return the exit status (see {@link Spindle})
   */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
    return run(args, out, err, in, env, Terminal.system());
  }

  /** As {@link #run(String[], PrintStream, PrintStream, InputStream, Map)}, with a given terminal (or null). */
  static int run(
      String[] args, PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Terminal terminal) {
    Io io = new Io(out, err, in, env, terminal);
    List<String> a = Arrays.asList(args);
    int i = 0;
    while (i < a.size() && (a.get(i).equals("-v") || a.get(i).equals("--verbose"))) {
      // Before any logger exists; the default (simplelogger.properties) is off.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      System.setProperty("org.slf4j.simpleLogger.log.dev.spindle", "debug");
      i++;
    }
    if (i == a.size()) {
      err.println(USAGE);
      return Exit.USAGE;
    }
    String first = a.get(i);
    switch (first) {
      case "-h":
      case "--help":
      case "help":
        if (first.equals("help") && i + 1 < a.size()) {
          return run(concat(a.subList(i + 1, a.size()), "--help"), out, err, in, env, terminal);
        }
        out.println(HELP);
        return Exit.OK;
      case "--version":
      case "version":
        String v = Spindle.class.getPackage().getImplementationVersion();
        out.println("spindle " + (v == null ? "(development build)" : v));
        return Exit.OK;
      default:
        break;
    }
    String name;
    List<String> rest;
    if ((first.equals("amp") || first.equals("pb")) && i + 1 < a.size() && a.get(i + 1).equals("call")) {
      name = first + " call";
      rest = a.subList(i + 2, a.size());
    } else if (first.equals("amp") || first.equals("pb")) {
      err.println("spindle " + first + ": expected call (spindle " + first + " call --help)");
      return Exit.USAGE;
    } else {
      name = first;
      rest = a.subList(i + 1, a.size());
    }
    try {
      switch (name) {
        case "amp call":
          return AmpCall.run(rest, io);
        case "pb call":
          return PbCall.run(rest, io);
        case "dump":
          return Dump.run(rest, io);
        case "hashpw":
          return HashPw.run(rest, io);
        case "serve-demo":
          return ServeDemo.run(rest, io);
        default:
          err.println("spindle: unknown command " + first);
          err.println(USAGE);
          return Exit.USAGE;
      }
    } catch (CliException e) {
      out.flush();
      err.println("spindle " + name + ": " + e.getMessage());
      if (e.exitCode() == Exit.USAGE) {
        err.println(usage(name));
        err.println("Run 'spindle " + name + " --help' for more.");
      }
      return e.exitCode();
    } catch (RuntimeException e) {
      out.flush();
      err.println("spindle " + name + ": " + Deadline.describe(e) + " (" + e.getClass().getName() + ")");
      return Exit.FAILURE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static String usage(String name) {
    switch (name) {
      case "amp call":
        return AmpCall.USAGE;
      case "pb call":
        return PbCall.USAGE;
      case "dump":
        return Dump.USAGE;
      case "serve-demo":
        return ServeDemo.USAGE;
      default:
        return HashPw.USAGE;
    }
  }

  private static String[] concat(List<String> list, String last) {
    String[] out = list.toArray(new String[list.size() + 1]);
    out[list.size()] = last;
    return out;
  }
}
