/**
 * The {@code spindle-codegen} annotation processor: compiles {@code @Command} types into {@code
 * CommandSpec}s and classes with {@code @Responder} methods into {@code CommandLocator}s. Nothing
 * here is API; the processor is found through {@code META-INF/services}. Steps use {@code
 * validation} to build {@code model}s and {@code writing} to emit them.
 */
package dev.spindle.codegen;
