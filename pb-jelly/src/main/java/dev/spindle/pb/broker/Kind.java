package dev.spindle.pb.broker;

/** How an exported object is called: Twisted's method-name prefix of each flavor. */
public enum Kind {
  /** A {@code Referenceable} (or the root): {@code remote_<name>(args...)}. */
  REMOTE("remote_"),
  /** An avatar handed out by PB login: {@code perspective_<name>(args...)}. */
  PERSPECTIVE("perspective_"),
  /** A view point: {@code view_<name>(perspective, args...)}. */
  VIEW("view_"),
  /** A received {@code RemoteCache}, called by the owner's {@code cachemessage}. */
  OBSERVE("observe_");

  private final String prefix;

  Kind(String prefix) {
    this.prefix = prefix;
  }

  /** The Java method-name prefix, for example {@code remote_}. */
  public String prefix() {
    return prefix;
  }

  /** Number of leading parameters filled by the broker, not by the caller (the perspective). */
  int reserved() {
    return this == VIEW ? 1 : 0;
  }
}
