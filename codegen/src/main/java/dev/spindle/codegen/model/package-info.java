/**
 * What the processor generates from: immutable descriptions of valid commands, their argument
 * schemas and responder classes, built by {@code validation} and read by {@code writing}. Sees only
 * {@code javax.lang.model} and JavaPoet names.
 */
package dev.spindle.codegen.model;
