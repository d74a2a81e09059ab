package dev.spindle.codegen;

import dev.spindle.codegen.model.GeneratedNames;
import dev.spindle.codegen.pb.PbNames;
import dev.spindle.codegen.pb.RemoteInterfaces;
import dev.spindle.codegen.validation.ErrorReporter;
import dev.spindle.codegen.validation.NameClashValidator;
import dev.spindle.codegen.writing.PbSkeletonGenerator;
import dev.spindle.codegen.writing.PbStubGenerator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Generates {@code <Interface>_PbStub} and {@code _PbSkeleton} for each valid remote interface. */
final class RemoteInterfaceStep implements Step {
  private final ProcessingEnvironment env;
  private final ErrorReporter reporter;
  private final NameClashValidator names;
  private final PbStubGenerator stubs;
  private final PbSkeletonGenerator skeletons;

  RemoteInterfaceStep(ProcessingEnvironment env, ErrorReporter reporter) {
    this.env = env;
    this.reporter = reporter;
    this.names = new NameClashValidator(env.getElementUtils(), reporter);
    this.stubs = new PbStubGenerator(env.getFiler(), reporter);
    this.skeletons = new PbSkeletonGenerator(env.getFiler(), reporter);
  }

  @Override
  public Set<TypeElement> types(RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    TypeElement annotation = env.getElementUtils().getTypeElement(PbNames.REMOTE_INTERFACE);
    if (annotation != null) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        types.add((TypeElement) e);
      }
    }
    return types;
  }

  @Override
  public void process(List<TypeElement> types) {
    Set<TypeElement> unique = new LinkedHashSet<>(
        names.unique(types, t -> GeneratedNames.of(t, PbNames.STUB_SUFFIX)));
    for (TypeElement type : types) {
      RemoteInterfaces.validate(env, reporter, type)
          .filter(m -> unique.contains(type))
          .ifPresent(m -> {
            stubs.generate(m);
            skeletons.generate(m);
          });
    }
  }
}
