/**
 * Spindle's Perspective Broker: {@link dev.spindle.pb.PbServer} and {@link dev.spindle.pb.PbClient}
 * open {@link dev.spindle.pb.PbConnection}s on Netty, on which {@link
 * dev.spindle.pb.RemoteReference#callRemote} calls the peer's objects, byte-compatible with
 * Twisted 22.4's {@code twisted.spread.pb}. {@link dev.spindle.pb.PbServer.Builder#portal} and
 * {@link dev.spindle.pb.PbConnection#login} log in through cred ({@code dev.spindle.pb.login}).
 * Objects travel as their {@code dev.spindle.pb.flavors}; values as Jelly ({@code
 * dev.spindle.pb.jelly}). The exceptions of the broker and the connection live in {@link
 * dev.spindle.pb.exceptions}, rooted at {@link dev.spindle.pb.exceptions.PbException}.
 */
package dev.spindle.pb;
