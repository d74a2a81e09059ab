package dev.spindle.examples.pb;

import dev.spindle.pb.flavors.PbError;

/**
 * This is an Expected Exception. Something bad happened. A {@link PbError}, Twisted's {@code
 * pb.Error}: the caller gets it as a failure of type {@code dev.spindle.examples.pb.MyError} and
 * the server does not log it. From {@code exc_server.py}.
 */
public class MyError extends PbError {
  private static final long serialVersionUID = 1L;

  public MyError(String message) {
    super(message);
  }
}
