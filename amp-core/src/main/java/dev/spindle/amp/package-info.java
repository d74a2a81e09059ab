/**
 * Spindle's AMP: {@link dev.spindle.amp.AmpServer} and {@link dev.spindle.amp.AmpClient} open
 * {@link dev.spindle.amp.AmpConnection}s on Netty, on which typed commands are called with {@code
 * callRemote} and answered by locators. The exceptions of every AMP layer live here, rooted at
 * {@link dev.spindle.amp.AmpException}; the lower layers ({@code box}, {@code codec}, {@code
 * dispatch}, {@code locator}, {@code command}) see only those exception types of this package.
 */
package dev.spindle.amp;
