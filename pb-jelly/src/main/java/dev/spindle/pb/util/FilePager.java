package dev.spindle.pb.util;

import dev.spindle.pb.RemoteReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link Pager} that sends a file in chunks of {@value #CHUNK_SIZE} bytes, each as Python
 * {@code bytes}, reading it lazily: one chunk per page, only when the connection can take more, so
 * that memory stays bounded whatever the file's size. An empty file sends no page, only the end.
 * The file is opened by the constructor and closed when the pager finishes. Starts paging as it
 * is constructed. Twisted equivalent: {@code twisted.spread.util.FilePager} (whose {@code
 * FileSender} reads 16 KiB chunks).
 *
 * <pre>{@code
 * public void remote_download(RemoteReference collector, String name) throws IOException {
 *   try {
 *     new FilePager(collector, root.resolve(name));
 *   } finally {
 *     collector.release(); // ours; the pager holds its own handle until it is done
 *   }
 * }
 * }</pre>
 *
 * <p>Reads happen on the connection's event loop (as Twisted reads in the reactor thread), 16 KiB
 * at a time: fine for local disks; for slow storage write a {@link Pager} fed by another thread.
 * Thread-safe as {@link Pager}.
 */
public final class FilePager extends Pager {
  /** Twisted's {@code FileSender.CHUNK_SIZE}: 16,384 bytes. */
  public static final int CHUNK_SIZE = 16384;

  private final FileChannel file;

  /**
   * Opens {@code file} and pages it to {@code collector}.
   *
   * @param collector the peer's collector; the pager takes its own handle on it
   * @param file the file to page, read from its start
   * @throws IOException if the file cannot be opened for reading: nothing is sent, and the
   *     pager's handle on the collector is released
   */
  public FilePager(RemoteReference collector, Path file) throws IOException {
    super(collector);
    try {
      this.file = FileChannel.open(Objects.requireNonNull(file, "file"), StandardOpenOption.READ);
    } catch (IOException | RuntimeException e) {
      collector().release(); // the pager's own handle
      throw e;
    }
    start();
  }

  @Override
  protected Object nextPage() throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_SIZE);
    while (chunk.hasRemaining()) {
      if (file.read(chunk) < 0) {
        break;
      }
    }
    if (chunk.position() == 0) {
      return null;
    }
    byte[] page = chunk.array();
    return chunk.position() == page.length ? page : Arrays.copyOf(page, chunk.position());
  }

  @Override
  protected void close() throws IOException {
    file.close();
  }
}
