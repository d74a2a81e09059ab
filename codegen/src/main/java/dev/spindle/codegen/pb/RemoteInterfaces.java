package dev.spindle.codegen.pb;

import dev.spindle.codegen.validation.ErrorReporter;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/** Entry points of the typed PB validation, for the processor's steps. */
public final class RemoteInterfaces {
  private RemoteInterfaces() {}

  /**
   * The model of the remote interface {@code type}, or empty after reporting its mistakes.
   *
   * @param env the processing environment
   * @param reporter reports each mistake on its element
   * @param type the element annotated {@code @RemoteInterface}
   * @return the model, or empty if a mistake was reported
   */
  public static Optional<RemoteInterfaceModel> validate(ProcessingEnvironment env,
      ErrorReporter reporter, TypeElement type) {
    return new RemoteInterfaceValidator(env, reporter).validate(type);
  }

  /**
   * The model of the {@code @CopyRecord} {@code type}, or empty after reporting its mistakes.
   *
   * @param env the processing environment
   * @param reporter reports each mistake on its element
   * @param type the record annotated {@code @CopyRecord}
   * @return the model, or empty if a mistake was reported
   */
  public static Optional<CopyRecordModel> validateCopy(ProcessingEnvironment env,
      ErrorReporter reporter, TypeElement type) {
    return new RemoteInterfaceValidator(env, reporter).validateCopy(type);
  }
}
