/**
 * Spindle's AMP: {@link dev.spindle.amp.AmpServer} and {@link dev.spindle.amp.AmpClient} open
 * {@link dev.spindle.amp.AmpConnection}s on Netty, on which typed commands are called with {@code
 * callRemote} and answered by locators. The exceptions of every AMP layer live in {@link
 * dev.spindle.amp.exceptions}, rooted at {@link dev.spindle.amp.exceptions.AmpException}.
 */
package dev.spindle.amp;
