package dev.spindle.amp.dispatch;

import dev.spindle.amp.internal.log.LogLimiter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Logs the errors one connection's peer causes (arguments that do not parse, unknown commands)
 * so that no peer can flood the log: each at DEBUG, and, when the connection closes, one WARN
 * line with their count and the first of them, itself limited across all connections to {@link
 * #SUMMARIES_PER_PERIOD} per {@link #PERIOD} (the next one says how many were dropped).
 *
 * <p>Thread-safe: asynchronous responders may fail on other threads.
 */
final class PeerErrorLog {
  /** WARN summaries let through per {@link #PERIOD}, across all connections of the JVM. */
  static final int SUMMARIES_PER_PERIOD = 10;

  static final Duration PERIOD = Duration.ofSeconds(10);

  /** Characters of the first error kept for the summary. */
  private static final int MAX_EXAMPLE_CHARS = 200;

  private static final LogLimiter SUMMARIES = new LogLimiter(SUMMARIES_PER_PERIOD, PERIOD);

  private final Logger logger;
  private final AtomicInteger count = new AtomicInteger();
  private volatile String first;

  PeerErrorLog(Logger logger) {
    this.logger = logger;
  }

  /** Records an error caused by the peer's input on {@code connection}. */
  void record(Object connection, Throwable error) {
    count(error.toString());
    if (logger.isDebugEnabled()) {
      logger.debug("{}: bad input from the peer", connection, error);
    }
  }

  /**
   * Records an error caused by the peer's input on {@code connection} that has no exception: its
   * type's name and its description.
   */
  void record(Object connection, Class<? extends Throwable> type, String description) {
    String text = type.getName() + ": " + description;
    count(text);
    if (logger.isDebugEnabled()) {
      logger.debug("{}: bad input from the peer: {}", connection, text);
    }
  }

  /** Counts one error; the first one's text is kept for the summary. */
  private void count(String text) {
    if (count.getAndIncrement() == 0) {
      first = LogLimiter.sanitize(text, MAX_EXAMPLE_CHARS);
    }
  }

  /** The number of errors recorded. */
  int count() {
    return count.get();
  }

  /** At close: one WARN line with the count and the first error, if any and if the limit allows. */
  void summarize(Object connection) {
    int n = count.get();
    if (n == 0) {
      return;
    }
    long dropped = SUMMARIES.acquire();
    if (dropped < 0) {
      return;
    }
    logger.warn(
        "{}: {} bad input{} from the peer (first: {}){}",
        connection,
        n,
        n == 1 ? "" : "s",
        first,
        dropped == 0 ? "" : "; " + dropped + " such summaries of other connections not logged");
  }
}
