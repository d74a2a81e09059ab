/** Typed PB: validation of {@code @RemoteInterface} types and their model. */
package dev.spindle.codegen.pb;
