package dev.spindle.interop.tls;

import dev.spindle.pb.flavors.Referenceable;

/** A PB root for the TLS tests: echoes what it gets, as tls_peer.py's root does. */
public class PbEchoRoot implements Referenceable {
  public Object remote_echo(Object value) {
    return value;
  }
}
