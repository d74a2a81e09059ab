/**
 * AMP framing on Netty: {@link dev.spindle.amp.codec.AmpBoxDecoder} and {@link
 * dev.spindle.amp.codec.AmpBoxEncoder}, with the length limits. Sees only {@code box}.
 */
package dev.spindle.amp.codec;
