package dev.spindle.pb.banana;

/**
 * Which side of the dialect handshake a connection plays. The side that accepted the TCP
 * connection is the {@link #SERVER} (Twisted: {@code isClient = 0}, as built by {@code
 * PBServerFactory}); the side that connected is the {@link #CLIENT} ({@code PBClientFactory}).
 */
public enum BananaRole {
  /** Offers its dialects as soon as the connection is up, then adopts the client's choice. */
  SERVER,
  /** Waits for the server's offer and answers with the first dialect it also knows. */
  CLIENT
}
