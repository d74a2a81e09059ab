package dev.spindle.cred;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INFO lines of logins that protocols write: who (the user name, sanitized and cut to {@value
 * #MAX_NAME_CHARS} characters; never a password, hash or response), from where (the peer's
 * address), and how it ended. Rate-limited so that no peer can flood the log: at most {@value
 * #LINES_PER_PERIOD} failure lines and as many success lines per {@value #PERIOD_SECONDS} seconds
 * across the JVM; the next line let through says how many were dropped.
 *
 * <p>Logger name {@code dev.spindle.cred.LoginLog}; turn it off there. Thread-safe and lock-free.
 * Twisted has no equivalent (its cred logs nothing).
 */
public final class LoginLog {
  /** Longest user name logged, in characters. */
  public static final int MAX_NAME_CHARS = 64;
  /** Lines of each kind (failed, succeeded) let through per period. */
  public static final int LINES_PER_PERIOD = 20;
  /** The period, in seconds. */
  public static final int PERIOD_SECONDS = 10;

  private static final Logger logger = LoggerFactory.getLogger(LoginLog.class);
  private static final Limiter FAILURES = new Limiter();
  private static final Limiter SUCCESSES = new Limiter();

  private LoginLog() {}

  /**
   * Logs a successful login of {@code credentials} over {@code protocol} from {@code peer}.
   *
   * @param protocol the protocol's name as logged, such as {@code AMP} or {@code PB}
   * @param credentials the credentials that logged in; only the user name is logged
   * @param peer the client's address; may be null
   */
  public static void succeeded(String protocol, Credentials credentials, SocketAddress peer) {
    if (!logger.isInfoEnabled()) {
      return;
    }
    long dropped = SUCCESSES.acquire();
    if (dropped >= 0) {
      logger.info(
          "{} login succeeded: {} from {}{}", protocol, who(credentials), peer, dropped(dropped));
    }
  }

  /**
   * Logs a failed login of {@code credentials} (null if the peer sent none that could be read)
   * over {@code protocol} from {@code peer}; {@code failure} is named by its class only.
   *
   * @param protocol the protocol's name as logged, such as {@code AMP} or {@code PB}
   * @param credentials the credentials presented, or null; only the user name is logged
   * @param peer the client's address; may be null
   * @param failure why the login failed, or null for a plain refusal
   */
  public static void failed(
      String protocol, Credentials credentials, SocketAddress peer, Throwable failure) {
    if (!logger.isInfoEnabled()) {
      return;
    }
    long dropped = FAILURES.acquire();
    if (dropped >= 0) {
      logger.info(
          "{} login failed: {} from {} ({}){}",
          protocol,
          who(credentials),
          peer,
          failure == null ? "refused" : failure.getClass().getSimpleName(),
          dropped(dropped));
    }
  }

  private static String dropped(long n) {
    return n == 0 ? "" : "; " + n + " similar lines not logged";
  }

  /**
   * The avatar id to show for {@code c} once logged in (the log context's {@code spindle.avatar}):
   * the user name, cut to {@value #MAX_NAME_CHARS} characters and escaped as in log lines;
   * {@code anonymous}; or the kind of credentials. Never a secret.
   *
   * @param c the credentials that logged in; may be null
   * @return a printable name, never null: {@code anonymous}, {@code unknown} for null, or as above
   */
  public static String avatarId(Credentials c) {
    byte[] name = null;
    if (c instanceof UsernamePassword u) {
      name = u.username();
    } else if (c instanceof UsernameHashedPassword u) {
      name = u.username();
    } else if (c instanceof Anonymous) {
      return "anonymous";
    }
    if (name == null) {
      return c == null ? "unknown" : c.getClass().getSimpleName();
    }
    return sanitize(new String(name, StandardCharsets.UTF_8));
  }

  /** "user 'name'", "anonymous", or the kind of credentials; never a secret. */
  static String who(Credentials c) {
    byte[] name = null;
    if (c instanceof UsernamePassword u) {
      name = u.username();
    } else if (c instanceof UsernameHashedPassword u) {
      name = u.username();
    } else if (c instanceof Anonymous) {
      return "anonymous";
    } else if (c == null) {
      return "no user name";
    } else {
      return c.getClass().getSimpleName();
    }
    if (name == null) {
      return "no user name";
    }
    return "user '" + sanitize(new String(name, StandardCharsets.UTF_8)) + "'";
  }

  /** Cut to MAX_NAME_CHARS; control characters, quotes and backslashes escaped. */
  static String sanitize(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_NAME_CHARS) + 8);
    for (int i = 0; i < s.length(); i++) {
      if (i == MAX_NAME_CHARS) {
        return sb.append("...").toString();
      }
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\'' || c == '\\' || c == '\u2028'
          || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A fixed-window limiter, as amp-core's LogLimiter (both belong in the shared transport). */
  private static final class Limiter {
    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private final AtomicInteger used = new AtomicInteger();
    private final AtomicLong suppressed = new AtomicLong();

    /** -1 to drop the line; else the lines dropped since the last one let through. */
    long acquire() {
      long now = System.nanoTime();
      long start = windowStart.get();
      if (now - start >= PERIOD_SECONDS * 1_000_000_000L && windowStart.compareAndSet(start, now)) {
        used.set(0);
      }
      if (used.incrementAndGet() > LINES_PER_PERIOD) {
        suppressed.incrementAndGet();
        return -1;
      }
      return suppressed.getAndSet(0);
    }
  }
}
