package dev.spindle.pb.broker;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Broker.PageProducer;
import dev.spindle.pb.broker.Broker.PendingCall;
import dev.spindle.pb.broker.Broker.Transport;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.jelly.JellyRegistry;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one connection's {@link Broker}: the tables of exported objects ({@code names},
 * {@code localObjects}, {@code luids}), of this side's Cacheables the peer holds and of the
 * peer's Cacheables held here; the calls waiting for answers and the answers owed; the page
 * producers, disconnect callbacks, log gates and counters. The classes above it each add one
 * job: {@link BrokerJelly} (jelly contexts), {@link BrokerSending}, {@link BrokerDispatch}
 * (received messages) and {@link Broker} (lifecycle, paging, the public face). Event-loop
 * confined, as the broker.
 */
abstract class BrokerState {
  static final Logger logger = LoggerFactory.getLogger(Broker.class);
  /** At most one WARN per this many seconds per connection for calls the peer can fail at will. */
  static final long LOG_INTERVAL_SECONDS = 10;

  final BrokerConfig config;
  final JellyRegistry registry;
  final Transport transport;
  final ReferenceFactory references;

  /** Exported objects by name ({@code root}) and by luid, and by identity to count them again. */
  final HashMap<String, Local> names = new HashMap<>();
  final LongObjectHashMap<Local> localObjects = new LongObjectHashMap<>();
  final HashMap<IdentityKey, Local> luids = new HashMap<>();
  long currentLocalId;
  long currentRequestId;
  final LongObjectHashMap<PendingCall> waitingForAnswers = new LongObjectHashMap<>();
  /** Calls given up on whose answer has not come: that many unknown answers are dropped. */
  long abandoned;
  /** The peer's calls whose asynchronous result has not been answered yet. */
  int answersOwed;
  /** This side's Cacheables that the peer holds copies of. */
  final LongObjectHashMap<CachedLocal> remotelyCachedObjects = new LongObjectHashMap<>();
  final IdentityHashMap<Cacheable, CachedLocal> remotelyCachedLuids = new IdentityHashMap<>();
  /** The peer's Cacheables that this side holds copies of. */
  final LongObjectHashMap<ImportedCache> locallyCachedObjects = new LongObjectHashMap<>();
  final ArrayList<Runnable> disconnects = new ArrayList<>();
  /** Registered pagers, asked in turn (newest first, as Twisted) while the transport is writable. */
  final ArrayList<PageProducer> pageProducers = new ArrayList<>(2);
  boolean producing;
  int maxBrokerRefsViolations;
  PbProtocolException goodbye;
  boolean disconnected;
  long failureCount;
  /** WARN lines for calls refused on the peer's input, and for failed calls wanting no answer. */
  final LogRateLimiter refusedCalls = new LogRateLimiter(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
  final LogRateLimiter failedCalls = new LogRateLimiter(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
  /** Behind both: at most 10 such WARN lines per interval across all connections. */
  static final SharedLogGate CALL_WARNINGS =
      new SharedLogGate(10, LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

  BrokerState(BrokerConfig config, Transport transport, ReferenceFactory references) {
    this.config = config;
    this.registry = config.registry();
    this.transport = transport;
    this.references = Objects.requireNonNull(references, "references");
  }

  /** This broker: {@link Broker} is the only subclass. */
  final Broker self() {
    return (Broker) this;
  }

  static String show(Sexp s) {
    if (s instanceof Sexp.Int i) {
      return Long.toString(i.value());
    }
    if (s instanceof Sexp.Bytes b) {
      // Bounded, and without String.format (~100 KB per call) on a path any peer can trigger.
      return dev.spindle.pb.jelly.ValueText.sexp(b, 64);
    }
    if (s instanceof Sexp.BigInt b) {
      return b.value().toString();
    }
    if (s instanceof Sexp.Float f) {
      return Double.toString(f.value());
    }
    return "a list";
  }
}
