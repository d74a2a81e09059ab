/**
 * Writing: turns {@code model}s into Java source with JavaPoet. Generated code reads as if written
 * by hand: imports, keys as pre-encoded constants, {@code switch} dispatch, no reflection. Sees
 * {@code model}.
 */
package dev.spindle.codegen.writing;
