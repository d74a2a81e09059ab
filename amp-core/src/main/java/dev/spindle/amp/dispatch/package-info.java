/**
 * The dispatcher: {@code _ask} tags, pending calls, answers and errors, and routing of incoming
 * commands to a {@link dev.spindle.amp.locator.CommandLocator}. Sees {@code box} and {@code
 * locator}.
 */
package dev.spindle.amp.dispatch;
