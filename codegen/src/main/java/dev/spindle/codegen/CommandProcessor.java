package dev.spindle.codegen;

import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.pb.PbNames;
import dev.spindle.codegen.validation.ErrorReporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The {@code spindle-codegen} annotation processor. For each {@code @Command} type it generates
 * {@code <Command>_AmpSerializer}, the command's {@code CommandSpec}; for each class with {@code
 * @Responder} methods, {@code <Class>_AmpLocator}, its {@code CommandLocator}; for each PB
 * {@code @RemoteInterface}, {@code <Interface>_PbStub} and {@code <Interface>_PbSkeleton}; for
 * each {@code @CopyRecord}, {@code <Record>_PbCopy}.
 *
 * <p>Every mistake in an annotated type is a compile error on the element that causes it, and
 * processing goes on so that one build shows them all; nothing is generated for a type with a
 * mistake. A type that uses a class not generated yet is retried in the next round.
 *
 * <p>Put {@code spindle-codegen} on the annotation processor path; it needs amp-core only on the
 * compile class path of the code it processes.
 */
public final class CommandProcessor extends AbstractProcessor {
  private final Map<Step, Set<String>> deferred = new LinkedHashMap<>();
  private ErrorReporter reporter;

  /** Creates the processor; {@code javac} calls this through {@code ServiceLoader}. */
  public CommandProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    reporter = new ErrorReporter(env.getMessager());
    CommandStep commands = new CommandStep(env, reporter);
    deferred.put(commands, new LinkedHashSet<>());
    deferred.put(new LocatorStep(env, reporter, commands::isInvalid), new LinkedHashSet<>());
    deferred.put(new RemoteInterfaceStep(env, reporter), new LinkedHashSet<>());
    deferred.put(new CopyRecordStep(env, reporter), new LinkedHashSet<>());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(AmpNames.COMMAND, AmpNames.RESPONDER, PbNames.REMOTE_INTERFACE,
        PbNames.COPY_RECORD);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Map.Entry<Step, Set<String>> entry : deferred.entrySet()) {
      Step step = entry.getKey();
      Set<String> waiting = entry.getValue();
      Map<String, TypeElement> types = new LinkedHashMap<>();
      for (String name : waiting) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
        if (type != null) {
          types.put(name, type);
        }
      }
      for (TypeElement type : step.types(round)) {
        types.put(type.getQualifiedName().toString(), type);
      }
      waiting.clear();
      List<TypeElement> ready = new ArrayList<>();
      for (TypeElement type : types.values()) {
        if (Resolution.isResolved(type)) {
          ready.add(type);
        } else if (round.processingOver()) {
          reporter.error(type, "spindle-codegen could not process " + type.getQualifiedName()
              + " because some of the types it uses never resolved: fix the missing types");
        } else {
          waiting.add(type.getQualifiedName().toString());
        }
      }
      step.process(ready);
    }
    return false;
  }
}
