/**
 * Locators: from a command name to a {@link dev.spindle.amp.locator.BoxResponder}. Sees only
 * {@code dev.spindle.amp.box}.
 */
package dev.spindle.amp.locator;
