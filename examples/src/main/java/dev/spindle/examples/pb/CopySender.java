package dev.spindle.examples.pb;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Copyable;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@link CopyPond} by value to a copy receiver (Java's {@link CopyReceiver} or Twisted's
 * {@code copy_receiver.tac}), like Twisted's {@code copy_sender.py}. Usage: {@code CopySender
 * [host] [port]} (default 127.0.0.1 8800).
 */
public final class CopySender {
  /** The Python name the pond travels as: {@code copy_sender.py}'s {@code CopyPond}. */
  public static final String COPY_POND = "copy_sender.CopyPond";

  private CopySender() {}

  /** A pond of frogs. */
  public static class LilyPond {
    protected String color;
    protected long numFrogs;

    public void setStuff(String color, long numFrogs) {
      this.color = color;
      this.numFrogs = numFrogs;
    }

    public void countFrogs(PrintStream out) {
      out.println(numFrogs + " frogs");
    }

    /** Its attributes, as Python's {@code __dict__}: what a Copyable sends by default. */
    Map<String, Object> state() {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("color", color);
      state.put("numFrogs", numFrogs);
      return state;
    }
  }

  /** The LilyPond that can be copied: sent as {@code ["copy_sender.CopyPond", {color, numFrogs}]}. */
  public static class CopyPond extends LilyPond implements Copyable {
    @Override
    public String getTypeToCopyFor(Object perspective) {
      return COPY_POND;
    }

    @Override
    public Object getStateToCopyFor(Object perspective) {
      return state();
    }
  }

  /** Sends the pond once the root arrives and prints how it went. */
  static final class Sender {
    private final Object pond;
    private final PrintStream out;

    Sender(Object pond, PrintStream out) {
      this.pond = pond;
      this.out = out;
    }

    CompletableFuture<Void> gotObj(RemoteReference remote) {
      return remote.callRemote("takePond", pond).handle((response, failure) -> {
        if (failure == null) {
          ok(response);
        } else {
          notOk(Howto.cause(failure));
        }
        return null;
      });
    }

    private void ok(Object response) {
      out.println("pond arrived " + response);
    }

    private void notOk(Throwable failure) {
      out.println("error during takePond:");
      if (failure instanceof RemotePbException remote && remote.check("twisted.spread.jelly.InsecureJelly")) {
        out.println(" InsecureJelly");
      } else {
        out.println(failure);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Sends the pond, printing to {@code out}. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    CopyPond pond = new CopyPond();
    pond.setStuff("green", 7);
    pond.countFrogs(out);
    // class name:
    out.println(pond.getTypeToCopyFor(null));

    Sender sender = new Sender(pond, out);
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port).thenCompose(sender::gotObj).get(30, TimeUnit.SECONDS);
    }
  }
}
