/** Netty glue for AMP connections; not exported. */
package dev.spindle.amp.internal;
