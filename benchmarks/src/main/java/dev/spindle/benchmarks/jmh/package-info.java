/**
 * JMH micro-benchmarks of the wire codecs: AMP boxes, AMP argument types, Banana and Jelly. Run
 * them from {@code benchmarks/target/benchmarks.jar} (see {@code benchmarks/README.md}); speed is
 * measured here and never asserted in tests.
 */
package dev.spindle.benchmarks.jmh;
