/**
 * Python's {@code repr()} of byte strings, for error texts Twisted puts on the wire. Internal: a
 * leaf under every other AMP package, exported only to Spindle's own modules.
 */
package dev.spindle.amp.internal.repr;
