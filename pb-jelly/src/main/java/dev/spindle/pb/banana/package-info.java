/**
 * Banana, Twisted's s-expression byte codec ({@code twisted.spread.banana}): {@link
 * dev.spindle.pb.banana.Sexp} values, the encoder and incremental decoder with Twisted's limits,
 * the {@code pb} vocabulary and the dialect handshake. Bottom layer of PB; depends on Netty's
 * buffers and codecs only.
 */
package dev.spindle.pb.banana;
