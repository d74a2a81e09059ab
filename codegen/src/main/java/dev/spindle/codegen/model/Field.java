package dev.spindle.codegen.model;

import com.squareup.javapoet.TypeName;

/**
 * One argument of a command, response or {@code AmpList} row.
 *
 * @param javaName the record component or field name
 * @param wireName the key on the wire (ASCII, validated)
 * @param javaType the declared Java type, possibly primitive
 * @param valueType how the value is encoded
 * @param optional whether a null is left out and a missing key reads as null
 * @param accessor how generated code reads the value from an instance
 */
public record Field(
    String javaName,
    String wireName,
    TypeName javaType,
    ValueType valueType,
    boolean optional,
    Accessor accessor) {

  /** How to read a field: {@code value.name()} for a method, {@code value.name} for a field. */
  public record Accessor(String name, boolean method) {}
}
