/**
 * Runtime support for the code that {@code spindle-codegen} generates ({@code *_AmpSerializer}
 * and {@code *_AmpLocator} classes): reading and checking box values ({@link
 * dev.spindle.amp.runtime.BoxCodecs}), calling responder methods ({@link
 * dev.spindle.amp.runtime.Responders}), and finding a command's generated spec ({@link
 * dev.spindle.amp.runtime.CommandSpecs}).
 *
 * <p>Public only because generated code in user packages calls it. It is not an API for
 * hand-written code and may change in any release, together with the processor. User-facing
 * command types are in {@code dev.spindle.amp.command}.
 */
package dev.spindle.amp.runtime;
