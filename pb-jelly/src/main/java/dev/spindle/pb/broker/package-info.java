/**
 * The per-connection Perspective Broker: {@link dev.spindle.pb.broker.Broker} with its reference
 * tables, cache tables, pending calls and PB messages; the method tables and argument conversions
 * of remote methods; failures both ways; and {@link dev.spindle.pb.broker.BrokerTransport},
 * the Netty glue. Not exported. Sees {@code flavors}, {@code jelly}, {@code banana} and the
 * exception types of {@code dev.spindle.pb} (as AMP's lower layers see {@code dev.spindle.amp}'s).
 */
package dev.spindle.pb.broker;
