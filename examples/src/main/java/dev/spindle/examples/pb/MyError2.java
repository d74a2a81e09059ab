package dev.spindle.examples.pb;

/**
 * This is an Unexpected Exception. Something really bad happened. Not a {@code PbError}: the
 * caller gets it all the same, as a failure of type {@code dev.spindle.examples.pb.MyError2}.
 * From {@code exc_server.py}.
 */
public class MyError2 extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MyError2(String message) {
    super(message);
  }
}
