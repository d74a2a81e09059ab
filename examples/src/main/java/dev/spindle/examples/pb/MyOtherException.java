package dev.spindle.examples.pb;

import dev.spindle.pb.flavors.PbError;

/** The other error {@code trap_client.py} traps; no server raises it. */
public class MyOtherException extends PbError {
  private static final long serialVersionUID = 1L;

  public MyOtherException() {
    super(null);
  }
}
