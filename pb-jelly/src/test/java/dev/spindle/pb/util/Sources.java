package dev.spindle.pb.util;

import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Referenceable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test roots that page, as the Python roots of the vectors and of pb_peer.py do. */
final class Sources {
  private Sources() {}

  /** {@code size} bytes where byte i is {@code i % 251}, as pb_peer.py pages. */
  static byte[] data(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i % 251);
    }
    return b;
  }

  /** A root whose methods page; it keeps the pagers it made. */
  public static final class Source implements Referenceable {
    final List<Pager> pagers = new CopyOnWriteArrayList<>();
    volatile Path file;
    volatile PageCollector collector;

    /** StringPager of {@code size} bytes in chunks of {@code chunk}. */
    public void remote_getPages(RemoteReference collector, int size, int chunk) {
      try {
        pagers.add(new StringPager(collector, data(size), chunk));
      } finally {
        collector.release(); // the pager holds its own handle
      }
    }

    /** StringPager of {@code size} bytes in Twisted's default chunks. */
    public void remote_getDefaultPages(RemoteReference collector, int size) {
      try {
        pagers.add(new StringPager(collector, data(size)));
      } finally {
        collector.release(); // the pager holds its own handle
      }
    }

    /** FilePager of {@link #file}. */
    public void remote_getFile(RemoteReference collector) throws IOException {
      try {
        pagers.add(new FilePager(collector, file));
      } finally {
        collector.release(); // the pager holds its own handle
      }
    }

    /** FilePager of a file that does not exist. */
    public void remote_getMissingFile(RemoteReference collector) throws IOException {
      try {
        pagers.add(new FilePager(collector, file.resolveSibling("missing")));
      } finally {
        collector.release(); // the pager holds its own handle
      }
    }

    /** A collector on this side, for the peer to page to. */
    public PageCollector remote_newCollector() {
      PageCollector c = new PageCollector();
      collector = c;
      return c;
    }

    Pager pager() {
      return pagers.get(pagers.size() - 1);
    }
  }
}
