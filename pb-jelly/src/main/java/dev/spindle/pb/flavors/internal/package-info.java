/**
 * The flavors' service-provider interface to the broker (Twisted's {@code jellier.invoker});
 * implemented by {@code dev.spindle.pb.broker}. Not exported.
 */
package dev.spindle.pb.flavors.internal;
