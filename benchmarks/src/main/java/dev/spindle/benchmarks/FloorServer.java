package dev.spindle.benchmarks;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The raw-socket floor's server: plain blocking Java sockets, a thread per connection, no
 * protocol. A connection starts with two big-endian ints, the request and response sizes; then
 * for every request's worth of bytes read it writes a response's worth, all the responses a read
 * completed in one write. What is left of a Spindle or Twisted figure above this is the protocol
 * implementation's cost.
 */
final class FloorServer implements AutoCloseable {
  /** Written in chunks of at most this; the bytes' values do not matter. */
  static final byte[] ZEROS = new byte[1 << 20];

  private final ServerSocket socket;

  private FloorServer(ServerSocket socket) {
    this.socket = socket;
  }

  /** Listens on 127.0.0.1 and an ephemeral port, accepting on a daemon thread. */
  static FloorServer start() throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    FloorServer server = new FloorServer(s);
    Thread acceptor = new Thread(server::accept, "floor-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread t = new Thread(() -> serve(s), "floor-conn-" + s.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      DataInputStream header = new DataInputStream(in);
      int requestBytes = header.readInt();
      int responseBytes = header.readInt();
      if (requestBytes <= 0 || responseBytes <= 0) {
        return;
      }
      byte[] buf = new byte[64 * 1024];
      long partial = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        partial += n;
        long complete = partial / requestBytes;
        partial %= requestBytes;
        write(out, complete * responseBytes);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Writes {@code bytes} bytes (of {@link #ZEROS}). */
  static void write(OutputStream out, long bytes) throws IOException {
    while (bytes > 0) {
      int n = (int) Math.min(bytes, ZEROS.length);
      out.write(ZEROS, 0, n);
      bytes -= n;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
