/**
 * Twisted's Perspective Broker and the layers under it: Banana, Jelly, the object flavors, the
 * broker, paging ({@code util}), and PB login over cred.
 */
module dev.spindle.pb {
  requires transitive dev.spindle.transport;
  requires transitive io.netty.buffer;
  requires transitive io.netty.transport;
  requires io.netty.common;
  requires transitive io.netty.handler;
  requires transitive io.netty.codec;
  requires transitive dev.spindle.cred;
  requires org.slf4j;

  exports dev.spindle.pb;
  exports dev.spindle.pb.banana;
  exports dev.spindle.pb.exceptions;
  exports dev.spindle.pb.flavors;
  exports dev.spindle.pb.jelly;
  exports dev.spindle.pb.login;
  exports dev.spindle.pb.typed;
  exports dev.spindle.pb.util;
}
