/**
 * Banana, Twisted's s-expression byte codec ({@code twisted.spread.banana}): {@link
 * dev.spindle.pb.banana.Sexp} values, the {@link dev.spindle.pb.banana.BananaEncoder} and
 * incremental {@link dev.spindle.pb.banana.BananaDecoder} with Twisted's limits, the {@code pb}
 * {@link dev.spindle.pb.banana.Vocabulary} and the dialect handshake, installed together by {@link
 * dev.spindle.pb.banana.BananaCodec}. Bottom layer of PB; depends on Netty's buffers, transport
 * and codecs and on SLF4J only.
 */
package dev.spindle.pb.banana;
