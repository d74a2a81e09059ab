/**
 * AMP boxes: {@link dev.spindle.amp.box.AmpBox} (ordered key to bytes), the reserved keys and limits
 * in {@link dev.spindle.amp.box.AmpKeys}, and the box-level interfaces {@link
 * dev.spindle.amp.box.BoxSender} and {@link dev.spindle.amp.box.BoxReceiver}.
 *
 * <p>Bottom layer: depends on nothing but the exception types of {@code dev.spindle.amp}.
 */
package dev.spindle.amp.box;
