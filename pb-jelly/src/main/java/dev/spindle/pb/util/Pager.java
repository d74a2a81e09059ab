package dev.spindle.pb.util;

import dev.spindle.pb.PbConnection;
import dev.spindle.pb.RemoteReference;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a large value to the peer's page collector as many small calls, paced by the connection:
 * one {@code collector.gotPage(page)} per page, then {@code collector.endedPaging()}, all without
 * asking for an answer ({@code answerRequired} 0). The peer's collector is a Twisted {@code
 * CallbackPageCollector} (what {@code util.getAllPages} passes) or a Java {@link PageCollector}.
 * Twisted equivalent: {@code twisted.spread.util.Pager}.
 *
 * <pre>{@code
 * public final class Library implements Root {
 *   public void remote_getBook(RemoteReference collector, String title) throws IOException {
 *     try {
 *       new FilePager(collector, shelf.resolve(title)); // pages the file; the answer is None
 *     } finally {
 *       collector.release();                            // the pager holds its own handle
 *     }
 *   }
 *   // page into the collector, then call it: the caller's reference outlives the pager's
 *   public CompletionStage<Object> remote_report(RemoteReference collector) {
 *     return new StringPager(collector, report()).done()
 *         .thenCompose(v -> collector.callRemote("summary"))
 *         .whenComplete((v, e) -> collector.release());
 *   }
 * }
 * }</pre>
 *
 * <p>Flow control, as Twisted's pager is a pull producer on the transport: the first page goes
 * out when the pager starts (if the channel is writable), before the answer of the call that
 * started it, as in Twisted; the following pages go from later turns of the event loop and only
 * while the connection's channel is writable, that is below its high water mark (Netty's {@code
 * WriteBufferWaterMark}, 64 KiB by default). When the peer reads slowly the pager pauses, and it
 * resumes when the channel drains below the low water mark. So a 1 GiB {@link FilePager} holds
 * about one water mark of pages in memory, never the file. Several pagers on one connection take
 * turns, one page each.
 *
 * <p>Ownership: the pager takes its own handle on the collector ({@link RemoteReference#retain()})
 * and releases that handle once done, failed or disconnected; the caller's reference stays usable
 * (the Python pattern "page into {@code collector}, then {@code collector.callRemote('summary')}"
 * works) and is the caller's to release, or the Cleaner's once unreachable. The peer gets its
 * {@code decref} when both are released, as Twisted's when the last Python reference goes.
 *
 * <p>Subclasses implement {@link #nextPage()} and call {@link #start()}, usually at the end of
 * their constructor. (Twisted's {@code Pager.__init__} starts paging itself; a Java superclass
 * constructor cannot safely call {@code nextPage} before the subclass's fields are set.)
 *
 * <p>Thread-safety: {@link #start()}, {@link #done()} and {@link #pagesSent()} may be called from
 * any thread. {@link #nextPage()} and {@link #close()} run on the connection's event loop, one at a
 * time, so a subclass needs no locking for its own state; they must not block for long.
 */
public abstract class Pager {
  private final RemoteReference collector;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Producer producer = new Producer();
  private volatile long pagesSent;
  /** Event-loop confined once started. */
  private boolean finished;

  /**
   * Creates a pager sending to {@code collector}; nothing is sent before {@link #start()}.
   *
   * @param collector a reference to the peer's collector (its {@code gotPage} and {@code
   *     endedPaging} methods); the pager takes its own handle on it, released when done
   * @throws dev.spindle.pb.exceptions.DeadReferenceException if {@code collector} is released
   */
  protected Pager(RemoteReference collector) {
    this.collector = Objects.requireNonNull(collector, "collector").retain();
  }

  /**
   * Returns the next page to send, or null once there is nothing more (the pager then sends
   * {@code endedPaging}). A page is any value that can be jellied; usually {@code byte[]}, which
   * Twisted receives as {@code bytes}. Called on the event loop, only when the connection can take
   * more. Twisted: {@code nextPage} (with {@code stopPaging} replaced by returning null).
   *
   * @return the next page, or {@code null} at the end
   * @throws Exception if no page can be produced: the pager stops, sends no {@code endedPaging}
   *     (paging has no error message, so the peer's collector is left waiting, as in Twisted) and
   *     {@link #done()} fails with it
   */
  protected abstract Object nextPage() throws Exception;

  /**
   * Releases what the pager holds (a {@link FilePager} closes its file). Called once, on the event
   * loop, when the pager has sent its end, failed, or lost its connection. Default: nothing.
   *
   * @throws Exception reported through {@link #done()}
   */
  protected void close() throws Exception {}

  /**
   * Starts paging; later calls do nothing. On the connection's event loop the first page is sent
   * before this returns; from another thread, paging starts on the event loop. Thread-safe.
   *
   * @return {@link #done()}
   */
  public final CompletableFuture<Void> start() {
    if (!started.compareAndSet(false, true)) {
      return done;
    }
    collector.connection().registerPageProducer(producer);
    return done;
  }

  /**
   * Completes, on the event loop, once {@code endedPaging} is written; fails if a page could not
   * be produced or sent, or with a {@code PbConnectionLostException} if the connection went
   * first. Never completes if the pager is not started. Callbacks on it run on the event loop: do
   * not block in them. Twisted: the pager's {@code callback}.
   *
   * @return a future that completes with {@code null} after the end, or exceptionally as above
   */
  public final CompletableFuture<Void> done() {
    return done;
  }

  /** {@return the number of {@code gotPage} calls written so far} Thread-safe. */
  public final long pagesSent() {
    return pagesSent;
  }

  /**
   * {@return the pager's own handle on the collector the pages go to (released when it finishes)}
   */
  public final RemoteReference collector() {
    return collector;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{to " + collector + ", " + pagesSent + " page(s) sent"
        + (done.isDone() ? ", done" : "") + "}";
  }

  /** Sends one page, or the end; false once finished. On the event loop. */
  private boolean sendNextPage() {
    if (finished) {
      return false;
    }
    Object page;
    try {
      page = nextPage();
    } catch (Exception e) {
      finish(e);
      return false;
    }
    if (page == null) {
      if (send("endedPaging")) {
        finish(null);
      }
      return false;
    }
    if (!send("gotPage", page)) {
      return false;
    }
    pagesSent++;
    return true;
  }

  /** Writes one no-answer call; on the event loop it is written (or refused) before returning. */
  private boolean send(String method, Object... args) {
    collector.callRemoteNoAnswer(method, args).whenComplete((v, e) -> {
      if (e != null) {
        finish(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
      }
    });
    return !finished;
  }

  private void finish(Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    try {
      close();
    } catch (Exception e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    collector.release();
    if (failure == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(failure);
    }
  }

  /** The broker's view of this pager. */
  private final class Producer implements PbConnection.PageProducer {
    @Override
    public boolean sendNextPage() {
      return Pager.this.sendNextPage();
    }

    @Override
    public void stopProducing(Throwable cause) {
      finish(cause);
    }

    @Override
    public String toString() {
      return Pager.this.toString();
    }
  }
}
