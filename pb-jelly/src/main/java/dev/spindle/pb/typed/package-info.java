/**
 * Typed PB: {@link dev.spindle.pb.typed.RemoteInterface @RemoteInterface} Java interfaces, which
 * {@code spindle-codegen} compiles into client stubs and server skeletons, and the small runtime
 * those call.
 */
package dev.spindle.pb.typed;
