/**
 * The long version of the attack suite of issue 11 ({@code interop-tests}, {@code
 * dev.spindle.attacks}): more connections, longer, bigger inputs, figures printed. Not run by CI.
 */
package dev.spindle.benchmarks.attacks;
