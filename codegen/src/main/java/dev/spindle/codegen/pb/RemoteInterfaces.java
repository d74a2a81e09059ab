package dev.spindle.codegen.pb;

import dev.spindle.codegen.validation.ErrorReporter;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/** Entry points of the typed PB validation, for the processor's steps. */
public final class RemoteInterfaces {
  private RemoteInterfaces() {}

  /** The model of the remote interface {@code type}, or empty after reporting its mistakes. */
  public static Optional<RemoteInterfaceModel> validate(ProcessingEnvironment env,
      ErrorReporter reporter, TypeElement type) {
    return new RemoteInterfaceValidator(env, reporter).validate(type);
  }

  /** The model of the {@code @CopyRecord} {@code type}, or empty after reporting its mistakes. */
  public static Optional<CopyRecordModel> validateCopy(ProcessingEnvironment env,
      ErrorReporter reporter, TypeElement type) {
    return new RemoteInterfaceValidator(env, reporter).validateCopy(type);
  }
}
