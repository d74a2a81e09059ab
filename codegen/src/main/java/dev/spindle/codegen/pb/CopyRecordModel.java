package dev.spindle.codegen.pb;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A valid {@code @CopyRecord}: its Python class name, its components, and the copy classes of the
 * records its components use (registered with it).
 */
public record CopyRecordModel(TypeElement element, ClassName type, ClassName copy,
    String pythonName, List<Component> components, List<ClassName> copies) {

  /**
   * One component: {@code convert} the {@code Elements} expression converting its received
   * attribute, {@code optional} whether it is sent unwrapped.
   */
  public record Component(String name, TypeName type, CodeBlock convert, boolean optional,
      boolean generic) {}
}
