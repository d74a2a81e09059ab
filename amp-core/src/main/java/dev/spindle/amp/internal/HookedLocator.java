package dev.spindle.amp.internal;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BlockingResponder;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.internal.CallHooks;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A connection's locator when its endpoint has per-call hooks: each responder found is run
 * through them (the blocking executor if it is declared blocking or the endpoint says all are,
 * the server-side interceptors, counting). The wrappers are kept per command name, so a call
 * allocates none. Event-loop confined. Not API.
 */
public final class HookedLocator implements CommandLocator {
  /** Wrappers kept at most, against a locator that answers any name a peer makes up. */
  private static final int MAX_CACHED = 256;

  private final CommandLocator delegate;
  private final CallHooks hooks;
  private final ConnectionInfo info;
  private final Object connection;
  private final Map<String, Hooked> cache = new HashMap<>();

  /** Runs what {@code delegate} finds through {@code hooks} on the connection {@code info}. */
  public HookedLocator(CommandLocator delegate, CallHooks hooks, ConnectionInfo info, Object connection) {
    this.delegate = delegate;
    this.hooks = hooks;
    this.info = info;
    this.connection = connection;
  }

  @Override
  public BoxResponder locateResponder(String name) {
    BoxResponder r = delegate.locateResponder(name);
    if (r == null) {
      return null;
    }
    Hooked h = cache.get(name);
    if (h != null && h.raw == r) {
      return h;
    }
    h = new Hooked(name, r);
    if (cache.size() < MAX_CACHED || cache.containsKey(name)) {
      cache.put(name, h);
    }
    return h;
  }

  /** One responder run through the hooks. */
  private final class Hooked implements BoxResponder {
    final String name;
    final BoxResponder raw;
    final BoxResponder target;
    final boolean blocking;

    Hooked(String name, BoxResponder raw) {
      this.name = name;
      this.raw = raw;
      this.blocking = raw instanceof BlockingResponder || hooks.allBlocking();
      this.target = raw instanceof BlockingResponder b ? b.delegate() : raw;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<AmpBox> respond(AmpBox box) {
      if (info != null && hooks.counts()) {
        info.countCall();
      }
      Supplier<CompletionStage<?>> run = blocking
          ? () -> hooks.runBlocking(() -> target.respond(box), name)
          : () -> target.respond(box);
      if (!hooks.interceptsServer()) {
        return (CompletionStage<AmpBox>) run.get();
      }
      CallInfo call = new CallInfo(CallInfo.AMP, CallInfo.Side.SERVER, "amp", name, box, null, info,
          connection, new BoxHeaders(box));
      return (CompletionStage<AmpBox>) hooks.interceptServer(call, run);
    }
  }

  /** A command box's keys, as interceptors see them. */
  public static final class BoxHeaders implements CallInfo.Headers {
    private final AmpBox box;

    /** The keys of {@code box}. */
    public BoxHeaders(AmpBox box) {
      this.box = box;
    }

    @Override
    public String get(String key) {
      byte[] v = box.get(key);
      return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    @Override
    public void put(String key, String value) {
      box.put(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
