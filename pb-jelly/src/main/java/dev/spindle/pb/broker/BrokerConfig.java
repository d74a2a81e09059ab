package dev.spindle.pb.broker;

import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.jelly.SecurityOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings every broker of one endpoint shares: the Jelly registry (the application's copy
 * classes and allow-list, plus PB's own heads and the RemoteCache types), the reference limit,
 * whether tracebacks are sent, and how exceptions are described. Immutable and thread-safe.
 */
public final class BrokerConfig {
  /** Twisted's {@code pb.MAX_BROKER_REFS}: the most objects one connection exports at once. */
  public static final int MAX_BROKER_REFS = 1024;

  /**
   * Twisted has no limit on outstanding calls; this default bounds the calls waiting for answers
   * (each way) per connection, far above what a well-behaved peer pipelines.
   */
  public static final int DEFAULT_MAX_OUTSTANDING_CALLS = 10_000;

  private final JellyRegistry registry;
  private final int maxBrokerRefs;
  private final int maxOutstandingCalls;
  private final int maxPeerOutstandingCalls;
  private final boolean unsafeTracebacks;
  private final List<FailureTranslator> translators;
  private final PythonNames pythonNames;
  private final java.util.function.Function<Object, Throwable> failureException;

  private BrokerConfig(Builder b) {
    if (b.maxBrokerRefs < 0) {
      throw new IllegalArgumentException("maxBrokerRefs: " + b.maxBrokerRefs + " (expected: >= 0)");
    }
    JellyRegistry user = b.jelly != null ? b.jelly : JellyRegistry.builder().build();
    JellyRegistry.Builder r = user.toBuilder()
        .handler(Wire.REMOTE, BrokerHandlers.REMOTE)
        .handler(Wire.LOCAL, BrokerHandlers.LOCAL)
        .handler(Wire.CACHED, BrokerHandlers.CACHED)
        .handler(Wire.LCACHE, BrokerHandlers.LCACHE)
        .handler(Wire.COPYABLE_FAILURE, BrokerHandlers.copyableFailure(b.failureValue));
    SecurityOptions.Builder security = user.security().toBuilder()
        .allowTypes(Wire.REMOTE, Wire.LOCAL, Wire.CACHED, Wire.LCACHE, Wire.COPYABLE_FAILURE);
    for (Map.Entry<String, Supplier<? extends RemoteCache>> e : b.caches.entrySet()) {
      r.handler(e.getKey(), BrokerHandlers.cache(e.getKey(), e.getValue()));
      security.allowTypes(e.getKey());
    }
    this.registry = r.security(security.build()).build();
    this.maxBrokerRefs = b.maxBrokerRefs;
    if (b.maxOutstandingCalls < 1) {
      throw new IllegalArgumentException("maxOutstandingCalls: " + b.maxOutstandingCalls + " (expected: >= 1)");
    }
    if (b.maxPeerOutstandingCalls < 1) {
      throw new IllegalArgumentException(
          "maxPeerOutstandingCalls: " + b.maxPeerOutstandingCalls + " (expected: >= 1)");
    }
    this.maxOutstandingCalls = b.maxOutstandingCalls;
    this.maxPeerOutstandingCalls = b.maxPeerOutstandingCalls;
    this.unsafeTracebacks = b.unsafeTracebacks;
    this.translators = List.copyOf(b.translators);
    this.pythonNames = b.pythonNames;
    this.failureException = b.failureException;
  }

  /** Returns a builder with Twisted's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The registry brokers jelly and unjelly with: the application's plus PB's heads. */
  public JellyRegistry registry() {
    return registry;
  }

  /** The most exported objects (and, separately, cached objects) at once; default 1,024. */
  public int maxBrokerRefs() {
    return maxBrokerRefs;
  }

  /** The most calls of this side waiting for answers; default {@value #DEFAULT_MAX_OUTSTANDING_CALLS}. */
  public int maxOutstandingCalls() {
    return maxOutstandingCalls;
  }

  /** The most calls of the peer waiting for this side's answer; default {@value #DEFAULT_MAX_OUTSTANDING_CALLS}. */
  public int maxPeerOutstandingCalls() {
    return maxPeerOutstandingCalls;
  }

  /** Whether failures carry the Java stack trace instead of {@code "Traceback unavailable\n"}. */
  public boolean unsafeTracebacks() {
    return unsafeTracebacks;
  }

  List<FailureTranslator> translators() {
    return translators;
  }

  PythonNames pythonNames() {
    return pythonNames;
  }

  /** The exception a received failure value stands for as a call's error, or null. */
  Throwable failureException(Object value) {
    return failureException.apply(value);
  }

  /** Builds a {@link BrokerConfig}. Not thread-safe. */
  public static final class Builder {
    private JellyRegistry jelly;
    private final LinkedHashMap<String, Supplier<? extends RemoteCache>> caches = new LinkedHashMap<>();
    private int maxBrokerRefs = MAX_BROKER_REFS;
    private int maxOutstandingCalls = DEFAULT_MAX_OUTSTANDING_CALLS;
    private int maxPeerOutstandingCalls = DEFAULT_MAX_OUTSTANDING_CALLS;
    private boolean unsafeTracebacks;
    private final List<FailureTranslator> translators = new ArrayList<>();
    private PythonNames pythonNames = PythonNames.NONE;
    private java.util.function.Function<? super dev.spindle.pb.exceptions.RemotePbException, ?> failureValue = e -> e;
    private java.util.function.Function<Object, Throwable> failureException = v -> null;

    /**
     * What a received {@code CopyableFailure} becomes as a value ({@code asValue}; default: the
     * {@code RemotePbException} itself), and back, the exception such a value stands for when it
     * is a call's error ({@code asException}: null for other values).
     */
    public Builder failureValues(
        java.util.function.Function<? super dev.spindle.pb.exceptions.RemotePbException, ?> asValue,
        java.util.function.Function<Object, Throwable> asException) {
      this.failureValue = Objects.requireNonNull(asValue, "asValue");
      this.failureException = Objects.requireNonNull(asException, "asException");
      return this;
    }

    private Builder() {}

    /** The Python names of Java exception classes, and the readers of received Python types. */
    public Builder pythonNames(PythonNames pythonNames) {
      this.pythonNames = Objects.requireNonNull(pythonNames, "pythonNames");
      return this;
    }

    /** The application's registry (copy classes, allow-list); default: {@code globalSecurity}. */
    public Builder jelly(JellyRegistry jelly) {
      this.jelly = Objects.requireNonNull(jelly, "jelly");
      return this;
    }

    /** Rebuilds {@code [typeName, luid, state]} with a new instance from {@code factory}. */
    public Builder remoteCache(String typeName, Supplier<? extends RemoteCache> factory) {
      Objects.requireNonNull(typeName, "typeName");
      Objects.requireNonNull(factory, "factory");
      if (caches.putIfAbsent(typeName, factory) != null) {
        throw new IllegalArgumentException("typeName: " + typeName + " (expected: registered once)");
      }
      return this;
    }

    /** The reference limit (Twisted's {@code MAX_BROKER_REFS}, 1,024). */
    public Builder maxBrokerRefs(int maxBrokerRefs) {
      this.maxBrokerRefs = maxBrokerRefs;
      return this;
    }

    /**
     * The most calls of this side that may wait for answers (default {@value
     * #DEFAULT_MAX_OUTSTANDING_CALLS}); one more fails with {@code PbTooManyCallsException}.
     */
    public Builder maxOutstandingCalls(int maxOutstandingCalls) {
      this.maxOutstandingCalls = maxOutstandingCalls;
      return this;
    }

    /**
     * The most calls of the peer that may wait for this side's answer (default {@value
     * #DEFAULT_MAX_OUTSTANDING_CALLS}); one more is not run and is answered with {@code
     * pb.Error}.
     */
    public Builder maxPeerOutstandingCalls(int maxPeerOutstandingCalls) {
      this.maxPeerOutstandingCalls = maxPeerOutstandingCalls;
      return this;
    }

    /** Whether failures carry the Java stack trace (default false, as in Twisted). */
    public Builder unsafeTracebacks(boolean unsafeTracebacks) {
      this.unsafeTracebacks = unsafeTracebacks;
      return this;
    }

    /** Adds a translator consulted, in order, before the default exception mapping. */
    public Builder failureTranslator(FailureTranslator translator) {
      translators.add(Objects.requireNonNull(translator, "translator"));
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException if a RemoteCache type or PB head is already registered in
     *     the application's registry, or a value is out of range
     */
    public BrokerConfig build() {
      return new BrokerConfig(this);
    }
  }
}
