/**
 * The {@code spindle} command-line tool ({@link dev.spindle.cli.Spindle}): AMP and PB calls, stream
 * dumps and password files, over the public APIs of {@code amp-core}, {@code pb-jelly} and {@code
 * cred}. Holds no library code.
 */
package dev.spindle.cli;
