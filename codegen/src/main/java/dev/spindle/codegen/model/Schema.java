package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;
import java.util.List;

/**
 * The arguments of one Java type (a command, a response or an {@code AmpList} row): its fields in
 * constructor order.
 *
 * @param type the record or class
 * @param displayName its simple names joined by dots, for messages ({@code Everything.Row})
 * @param fields the arguments, in constructor order
 */
public record Schema(ClassName type, String displayName, List<Field> fields) {
  /**
   * Copies the lists, so the model is immutable.
   *
   * @param type the record or class
   * @param displayName its simple names joined by dots, for messages
   * @param fields the arguments, in constructor order; copied
   */
  public Schema {
    fields = List.copyOf(fields);
  }
}
