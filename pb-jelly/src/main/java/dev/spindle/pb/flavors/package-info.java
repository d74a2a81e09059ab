/**
 * Perspective Broker's object kinds ({@code twisted.spread.flavors}): how a Java object travels
 * to the peer. {@link dev.spindle.pb.flavors.Referenceable} by reference, {@link
 * dev.spindle.pb.flavors.Viewable} by reference per perspective, {@link
 * dev.spindle.pb.flavors.Copyable} by value, {@link dev.spindle.pb.flavors.Cacheable} by value kept
 * up to date ({@link dev.spindle.pb.flavors.RemoteCache} on the other side), plus {@link
 * dev.spindle.pb.flavors.Remote @Remote}, {@link dev.spindle.pb.flavors.Keywords @Keywords} and
 * {@link dev.spindle.pb.flavors.PbError}. Depends on {@code jelly} and {@code banana} only, and
 * reaches the broker through the interface of its {@code internal} package, never the broker
 * itself (as Twisted's {@code flavors} never imports {@code pb}).
 */
package dev.spindle.pb.flavors;
