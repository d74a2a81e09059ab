package dev.spindle.benchmarks;

import dev.spindle.transport.IoTransport;
import java.util.Arrays;

/** Who calls whom in a row of the side-by-side table. */
enum Pairing {
  JAVA_JAVA("java-java", "Java -> Java", Side.JAVA, Side.JAVA, IoTransport.AUTO),
  JAVA_JAVA_NIO("java-java-nio", "Java -> Java, NIO", Side.JAVA, Side.JAVA, IoTransport.NIO),
  JAVA_JAVA_EPOLL(
      "java-java-epoll", "Java -> Java, epoll", Side.JAVA, Side.JAVA, IoTransport.EPOLL),
  JAVA_JAVA_IO_URING(
      "java-java-io_uring", "Java -> Java, io_uring", Side.JAVA, Side.JAVA, IoTransport.IO_URING),
  JAVA_TWISTED("java-twisted", "Java -> Twisted", Side.JAVA, Side.TWISTED, IoTransport.AUTO),
  TWISTED_JAVA("twisted-java", "Twisted -> Java", Side.TWISTED, Side.JAVA, IoTransport.AUTO),
  TWISTED_TWISTED(
      "twisted-twisted", "Twisted -> Twisted", Side.TWISTED, Side.TWISTED, IoTransport.AUTO),
  FLOOR("floor", "raw socket floor", Side.FLOOR, Side.FLOOR, IoTransport.AUTO);

  /** An implementation: Spindle, our Twisted 22.4 scripts, or the plain-socket echo. */
  enum Side {
    JAVA,
    TWISTED,
    FLOOR
  }

  final String id;
  final String label;
  final Side client;
  final Side server;
  /** The I/O transport of the Java sides' event loops. */
  final IoTransport transport;

  Pairing(String id, String label, Side client, Side server, IoTransport transport) {
    this.id = id;
    this.label = label;
    this.client = client;
    this.server = server;
    this.transport = transport;
  }

  /** Java -> Java on one transport forced on both sides: the rows that compare transports. */
  boolean transportRow() {
    return transport != IoTransport.AUTO;
  }

  /** A row with Spindle on at least one side: the rows compared with Twisted and the floor. */
  boolean spindle() {
    return client == Side.JAVA || server == Side.JAVA;
  }

  /** The pairing named {@code id}, or null. */
  static Pairing byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElse(null);
  }
}
