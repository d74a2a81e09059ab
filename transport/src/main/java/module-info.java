/**
 * The connection layer under AMP and PB: what a user of either protocol configures (reconnect
 * policy, options) is exported; the machinery both protocols build on is exported to them only.
 */
module dev.spindle.transport {
  requires transitive io.netty.transport;
  requires transitive io.netty.buffer;
  requires transitive io.netty.handler;
  requires io.netty.common;
  requires transitive io.netty.codec;
  requires org.slf4j;
  // The native transports' classes (IoTransport); their native libraries come at run time.
  requires io.netty.transport.classes.epoll;
  requires io.netty.transport.classes.io_uring;

  exports dev.spindle.transport;
  exports dev.spindle.transport.internal to
      dev.spindle.amp,
      dev.spindle.pb;
}
