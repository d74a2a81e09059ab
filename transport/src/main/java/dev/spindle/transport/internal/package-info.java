/**
 * Not API: the connection machinery AMP and PB share, exported only to {@code dev.spindle.amp}
 * and {@code dev.spindle.pb}. On the class path nothing enforces that; do not use it.
 */
package dev.spindle.transport.internal;
