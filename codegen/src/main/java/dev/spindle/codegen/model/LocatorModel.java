package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A valid class with {@code @Responder} methods: everything its {@code _AmpLocator} needs.
 *
 * @param element the class, the generated file's originating element
 * @param locator the generated class
 * @param responders the class's own responder methods, in declaration order
 * @param inherited the locator of the nearest superclass with responder methods, asked for command
 *     names this class does not answer
 * @param inheritedNeedsConnection whether the inherited locator is built with the connection
 */
public record LocatorModel(
    TypeElement element,
    ClassName locator,
    List<ResponderMethod> responders,
    Optional<ClassName> inherited,
    boolean inheritedNeedsConnection) {
  /**
   * Copies the lists, so the model is immutable.
   *
   * @param element the class, the generated file's originating element
   * @param locator the generated class
   * @param responders the class's own responder methods, in declaration order; copied
   * @param inherited the locator of the nearest superclass with responder methods
   * @param inheritedNeedsConnection whether the inherited locator is built with the connection
   */
  public LocatorModel {
    responders = List.copyOf(responders);
  }

  /**
   * Whether a responder of the class or of a superclass takes the {@code AmpConnection}: then the
   * locator is built per connection, with it.
   *
   * @return true if the locator's constructor takes the connection
   */
  public boolean needsConnection() {
    return inheritedNeedsConnection
        || responders.stream().anyMatch(ResponderMethod::takesConnection);
  }

  /**
   * The class whose instance the locator wraps.
   *
   * @return the annotated class's name
   */
  public ClassName targetType() {
    return ClassName.get(element);
  }
}
