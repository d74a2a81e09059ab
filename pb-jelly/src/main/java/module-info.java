/** Twisted's Banana and Jelly (and, next, Perspective Broker). */
module dev.spindle.pb {
  requires transitive io.netty.buffer;
  requires transitive io.netty.transport;
  requires io.netty.common;
  requires transitive io.netty.codec;
  requires org.slf4j;

  exports dev.spindle.pb.banana;
  exports dev.spindle.pb.jelly;
}
