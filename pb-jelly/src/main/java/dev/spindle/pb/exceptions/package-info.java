/**
 * The exceptions of the broker and the connection, rooted at {@link
 * dev.spindle.pb.exceptions.PbException}. (Banana's and Jelly's own exceptions stay with their
 * layers, {@code dev.spindle.pb.banana} and {@code dev.spindle.pb.jelly}.)
 *
 * <p>A leaf: this package imports nothing else of Spindle, so the broker and every layer above it
 * may throw its types without depending on the connection package.
 */
package dev.spindle.pb.exceptions;
