package dev.spindle.pb.util;

import dev.spindle.pb.flavors.Referenceable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Receives the pages a peer's pager sends: pass it to the remote method that pages, which gets a
 * reference to it and calls {@code gotPage(page)} for each page and {@code endedPaging()} at the
 * end. A collector made with {@link #PageCollector()} keeps the pages and completes {@link
 * #pages()} with them; one made with {@link #streaming} hands each page to a consumer as it
 * arrives and keeps none. Twisted equivalent: {@code twisted.spread.util.CallbackPageCollector}
 * (its callback is {@link #pages()}).
 *
 * <pre>{@code
 * PageCollector collector = new PageCollector();
 * root.callRemote("getPages", collector);                     // or Pagers.getAllPages(root, "getPages")
 * List<Object> pages = collector.pages().join();              // ByteString pages, for a Twisted StringPager
 * }</pre>
 *
 * <p>Pages arrive unjellied: Python {@code bytes} as {@link dev.spindle.pb.jelly.ByteString},
 * anything else as any received value. Pages received after the end or a failure are ignored.
 *
 * <p>Its remote methods run on the event loop of the connection that calls them, so give one
 * collector to one pager. {@link #pages()} and {@link #fail} are thread-safe; {@link
 * #pageCount()} is exact on that event loop or once {@link #pages()} is complete.
 */
public final class PageCollector implements Referenceable {
  private final Consumer<Object> onPage;
  private final ArrayList<Object> pages;
  private final CompletableFuture<List<Object>> result = new CompletableFuture<>();
  private volatile long pageCount;

  /** A collector that keeps every page. */
  public PageCollector() {
    this.onPage = null;
    this.pages = new ArrayList<>();
  }

  private PageCollector(Consumer<Object> onPage) {
    this.onPage = onPage;
    this.pages = null;
  }

  /**
   * A collector that hands each page to {@code onPage}, on the connection's event loop (do not
   * block in it), and keeps none: {@link #pages()} completes with an empty list. If {@code onPage}
   * throws, the collector fails with that exception and ignores the rest.
   *
   * @param onPage receives each page as it arrives, on the event loop
   * @return a new streaming collector
   */
  public static PageCollector streaming(Consumer<Object> onPage) {
    return new PageCollector(Objects.requireNonNull(onPage, "onPage"));
  }

  /**
   * One page from the peer's pager ({@code answerRequired} 0: nothing is answered).
   *
   * @param page the page, as unjellied (Python {@code bytes} arrive as {@code ByteString})
   */
  public void remote_gotPage(Object page) {
    if (result.isDone()) {
      return;
    }
    pageCount++;
    if (onPage == null) {
      pages.add(page);
      return;
    }
    try {
      onPage.accept(page);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /** The end of paging: completes {@link #pages()}. */
  public void remote_endedPaging() {
    result.complete(pages == null ? List.of() : Collections.unmodifiableList(pages));
  }

  /**
   * Completes, on the event loop, with the pages in order when the peer ends paging (an empty list
   * for a {@linkplain #streaming streaming} collector), or fails through {@link #fail}.
   *
   * @return the future of the pages; completed or failed on the event loop
   */
  public CompletableFuture<List<Object>> pages() {
    return result;
  }

  /** {@return the number of pages received so far} */
  public long pageCount() {
    return pageCount;
  }

  /**
   * Fails {@link #pages()} with {@code cause} unless paging already ended; later pages are
   * ignored. For the caller that knows paging will not end (the call that should page failed, the
   * connection was lost). Thread-safe.
   *
   * @param cause why paging will not end
   * @return true if this call failed it
   */
  public boolean fail(Throwable cause) {
    return result.completeExceptionally(Objects.requireNonNull(cause, "cause"));
  }

  @Override
  public String toString() {
    return "PageCollector{" + pageCount + " page(s)" + (result.isDone() ? ", done" : "") + "}";
  }
}
