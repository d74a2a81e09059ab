package dev.spindle.pb.util;

import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Calls a remote method that pages its result and collects the pages. Twisted equivalent: {@code
 * twisted.spread.util.getAllPages}.
 *
 * <pre>{@code
 * // Python: def remote_getPages(self, collector, size): util.StringPager(collector, data)
 * List<Object> pages = Pagers.getAllPages(root, "getPages", 1 << 20).get(30, TimeUnit.SECONDS);
 * Pagers.streamAllPages(root, "download", page -> out.write(((ByteString) page).toByteArray()), "big.iso");
 * }</pre>
 *
 * <p>Unlike Twisted's {@code getAllPages}, which waits forever when the call itself fails, the
 * returned future fails with the call's failure; it also fails with a {@link
 * PbConnectionLostException} if the connection is lost before the end of paging. The call's own
 * answer (usually None) is otherwise ignored: the pages are the result.
 *
 * <p>Thread-safe. The futures complete on the connection's event loop.
 */
public final class Pagers {
  private Pagers() {}

  /**
   * Calls {@code ref.method(collector, *args)} with a new {@link PageCollector} and completes with
   * the pages in order ({@code ByteString} for Python {@code bytes}).
   *
   * @param ref the remote object that pages
   * @param method the remote method, which takes the collector first
   * @param args the arguments after the collector
   * @return a future that completes with the pages in order, or exceptionally if the call fails or
   *     the connection is lost first
   */
  public static CompletableFuture<List<Object>> getAllPages(RemoteReference ref, String method, Object... args) {
    PageCollector collector = new PageCollector();
    call(ref, method, collector, args);
    return collector.pages();
  }

  /**
   * Calls {@code ref.method(collector, *args)} with a {@linkplain PageCollector#streaming
   * streaming} collector: each page goes to {@code onPage} as it arrives (on the event loop; do not
   * block in it) and none is kept. Completes with the number of pages at the end of paging.
   *
   * @param ref the remote object that pages
   * @param method the remote method, which takes the collector first
   * @param onPage receives each page as it arrives, on the event loop
   * @param args the arguments after the collector
   * @return a future that completes with the number of pages, or exceptionally if the call fails or
   *     the connection is lost first
   */
  public static CompletableFuture<Long> streamAllPages(RemoteReference ref, String method,
      Consumer<Object> onPage, Object... args) {
    PageCollector collector = PageCollector.streaming(onPage);
    call(ref, method, collector, args);
    return collector.pages().thenApply(none -> collector.pageCount());
  }

  private static void call(RemoteReference ref, String method, PageCollector collector, Object[] args) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(method, "method");
    Object[] all = new Object[args.length + 1];
    all[0] = collector;
    System.arraycopy(args, 0, all, 1, args.length);
    Runnable lost = () -> collector.fail(new PbConnectionLostException(
        "connection lost before the end of paging (" + method + ")", null));
    ref.notifyOnDisconnect(lost);
    collector.pages().whenComplete((pages, e) -> ref.dontNotifyOnDisconnect(lost));
    ref.callRemote(method, all).whenComplete((answer, e) -> {
      if (e != null) {
        collector.fail(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
      }
    });
  }
}
