package dev.spindle.cli;

/** A {@code HOST:PORT} argument: {@code example.org:1234}, {@code [::1]:1234}, or a bare port on 127.0.0.1. */
record HostPort(String host, int port) {
  static HostPort parse(String text) {
    String host;
    String port;
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      host = "127.0.0.1";
      port = text;
    } else {
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        throw bad(text);
      }
      if (host.isEmpty()) {
        host = "127.0.0.1";
      }
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw bad(text);
    }
    if (p < 1 || p > 65535) {
      throw bad(text);
    }
    return new HostPort(host, p);
  }

  private static CliException bad(String text) {
    return CliException.usage(
        "address: " + text + " (expected: HOST:PORT, [IPv6]:PORT or PORT, the port from 1 to 65535)");
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
