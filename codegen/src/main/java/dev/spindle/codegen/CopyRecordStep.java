package dev.spindle.codegen;

import dev.spindle.codegen.pb.PbNames;
import dev.spindle.codegen.pb.RemoteInterfaces;
import dev.spindle.codegen.validation.ErrorReporter;
import dev.spindle.codegen.writing.PbCopyGenerator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Generates {@code <Record>_PbCopy} for each valid {@code @CopyRecord}. */
final class CopyRecordStep implements Step {
  private final ProcessingEnvironment env;
  private final ErrorReporter reporter;
  private final PbCopyGenerator copies;

  CopyRecordStep(ProcessingEnvironment env, ErrorReporter reporter) {
    this.env = env;
    this.reporter = reporter;
    this.copies = new PbCopyGenerator(env.getFiler(), reporter);
  }

  @Override
  public Set<TypeElement> types(RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    TypeElement annotation = env.getElementUtils().getTypeElement(PbNames.COPY_RECORD);
    if (annotation != null) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        types.add((TypeElement) e);
      }
    }
    return types;
  }

  @Override
  public void process(List<TypeElement> types) {
    for (TypeElement type : types) {
      RemoteInterfaces.validateCopy(env, reporter, type).ifPresent(copies::generate);
    }
  }
}
