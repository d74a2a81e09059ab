/**
 * The exceptions of every AMP layer, rooted at {@link dev.spindle.amp.exceptions.AmpException}.
 *
 * <p>A leaf: this package imports nothing else of Spindle, so every layer ({@code box}, {@code
 * codec}, {@code dispatch}, {@code locator}, {@code command} and the connection) may throw its
 * types without depending on a layer above it.
 */
package dev.spindle.amp.exceptions;
