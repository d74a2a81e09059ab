package dev.spindle.codegen.validation;

import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Whether generated code in a package can name a type or use a member, as javac decides it. */
final class Visibility {
  private final Elements elements;

  Visibility(Elements elements) {
    this.elements = elements;
  }

  /** True if a top-level class in {@code from} can name {@code type}. */
  boolean canName(TypeElement type, PackageElement from) {
    for (Element e = type; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (!(e instanceof TypeElement)) {
        return false; // a local or anonymous class
      }
      if (!canUse(e, from)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if a top-level class in {@code from}, which is no subclass, can use {@code member} (a
   * type, field, method or constructor) of a type it can name.
   */
  boolean canUse(Element member, PackageElement from) {
    if (member.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    if (member.getModifiers().contains(Modifier.PUBLIC)) {
      return true;
    }
    return elements.getPackageOf(member).equals(from);
  }
}
