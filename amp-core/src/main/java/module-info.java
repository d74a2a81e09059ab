/** Twisted's Asynchronous Messaging Protocol on Netty. */
module dev.spindle.amp {
  requires transitive dev.spindle.transport;
  requires transitive io.netty.transport;
  requires transitive io.netty.buffer;
  requires io.netty.common;
  requires io.netty.codec;
  requires transitive io.netty.handler;
  requires org.slf4j;

  exports dev.spindle.amp;
  exports dev.spindle.amp.box;
  exports dev.spindle.amp.codec;
  exports dev.spindle.amp.command;
  exports dev.spindle.amp.dispatch;
  exports dev.spindle.amp.exceptions;
  exports dev.spindle.amp.locator;
  exports dev.spindle.amp.runtime;
  // Internal: Python's repr() of bytes, for the command-line tool's output.
  exports dev.spindle.amp.internal.repr to
      dev.spindle.cli;
}
