/**
 * Rate limits for log lines a peer can cause. Internal: a leaf under every other AMP package
 * (the dispatcher logs through it), not exported.
 */
package dev.spindle.amp.internal.log;
