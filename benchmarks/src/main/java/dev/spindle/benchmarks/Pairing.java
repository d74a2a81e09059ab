package dev.spindle.benchmarks;

import java.util.Arrays;

/** Who calls whom in a row of the side-by-side table. */
enum Pairing {
  JAVA_JAVA("java-java", "Java -> Java", Side.JAVA, Side.JAVA),
  JAVA_TWISTED("java-twisted", "Java -> Twisted", Side.JAVA, Side.TWISTED),
  TWISTED_JAVA("twisted-java", "Twisted -> Java", Side.TWISTED, Side.JAVA),
  TWISTED_TWISTED("twisted-twisted", "Twisted -> Twisted", Side.TWISTED, Side.TWISTED),
  FLOOR("floor", "raw socket floor", Side.FLOOR, Side.FLOOR);

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

  Pairing(String id, String label, Side client, Side server) {
    this.id = id;
    this.label = label;
    this.client = client;
    this.server = server;
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
