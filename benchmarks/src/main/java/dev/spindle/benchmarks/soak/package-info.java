/**
 * Load tools that check every answer: {@link dev.spindle.benchmarks.soak.ManyConnections} (one
 * server process holding many connections with a bounded heap) and {@link
 * dev.spindle.benchmarks.soak.Soak} (hours of mixed AMP and PB calls with connects and
 * disconnects, a flat heap and nothing lost). Both drive a {@link
 * dev.spindle.benchmarks.soak.SoakServer} in a JVM of its own.
 */
package dev.spindle.benchmarks.soak;
