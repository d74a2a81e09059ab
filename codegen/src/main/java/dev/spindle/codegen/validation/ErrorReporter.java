package dev.spindle.codegen.validation;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports compile errors on the elements that cause them and counts them, so that processing goes
 * on after a mistake and one build shows them all.
 */
public final class ErrorReporter {
  private final Messager messager;
  private int errorCount;

  /**
   * Creates a reporter that prints through {@code messager}.
   *
   * @param messager the processing environment's messager
   */
  public ErrorReporter(Messager messager) {
    this.messager = messager;
  }

  /**
   * Reports an error on {@code element}.
   *
   * @param element the element the error is attached to
   * @param message the message, naming the rule and the fix
   */
  public void error(Element element, String message) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /**
   * Reports an error on an annotation of {@code element}.
   *
   * @param element the element the error is attached to
   * @param annotation the annotation of {@code element} that is wrong
   * @param message the message, naming the rule and the fix
   */
  public void error(Element element, AnnotationMirror annotation, String message) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
  }

  /**
   * Reports an error on one value of an annotation of {@code element}.
   *
   * @param element the element the error is attached to
   * @param annotation the annotation of {@code element} that is wrong
   * @param value the annotation's value that is wrong
   * @param message the message, naming the rule and the fix
   */
  public void error(
      Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
  }

  /**
   * The number of errors reported so far.
   *
   * @return the number of errors reported so far, 0 if none
   */
  public int errorCount() {
    return errorCount;
  }
}
