package dev.spindle.examples.pb;

import dev.spindle.pb.flavors.PbError;

/**
 * The error {@code trap_server.py} raises for {@code fooMethod("panic!")}, and that {@code
 * trap_client.py} traps by class. It travels under its Java name, {@code
 * dev.spindle.examples.pb.MyException}, the name our Twisted counterpart gives its class too (in
 * the howto both scripts define {@code __main__.MyException}).
 */
public class MyException extends PbError {
  private static final long serialVersionUID = 1L;

  public MyException() {
    super(null);
  }
}
