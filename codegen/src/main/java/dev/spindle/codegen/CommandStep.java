package dev.spindle.codegen;

import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.CommandModel;
import dev.spindle.codegen.model.GeneratedNames;
import dev.spindle.codegen.validation.CommandValidator;
import dev.spindle.codegen.validation.ErrorReporter;
import dev.spindle.codegen.validation.NameClashValidator;
import dev.spindle.codegen.writing.SerializerGenerator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Generates {@code <Command>_AmpSerializer} for each valid {@code @Command} type. */
final class CommandStep implements Step {
  private final ProcessingEnvironment env;
  private final ErrorReporter reporter;
  private final NameClashValidator names;
  private final SerializerGenerator generator;
  private final Set<String> invalid = new HashSet<>();

  CommandStep(ProcessingEnvironment env, ErrorReporter reporter) {
    this.env = env;
    this.reporter = reporter;
    this.names = new NameClashValidator(env.getElementUtils(), reporter);
    this.generator = new SerializerGenerator(env.getFiler(), reporter);
  }

  @Override
  public Set<TypeElement> types(RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    TypeElement command = env.getElementUtils().getTypeElement(AmpNames.COMMAND);
    if (command != null) {
      for (Element element : round.getElementsAnnotatedWith(command)) {
        types.add((TypeElement) element);
      }
    }
    return types;
  }

  @Override
  public void process(List<TypeElement> types) {
    CommandValidator validator = new CommandValidator(env, reporter);
    Set<TypeElement> unique = new LinkedHashSet<>(
        names.unique(types, t -> GeneratedNames.of(t, AmpNames.SERIALIZER_SUFFIX)));
    for (TypeElement type : types) {
      Optional<CommandModel> model = validator.validate(type).filter(m -> unique.contains(type));
      model.ifPresentOrElse(
          generator::generate, () -> invalid.add(type.getQualifiedName().toString()));
    }
  }

  /** True if the command {@code qualifiedName} had mistakes, so it has no serializer. */
  boolean isInvalid(String qualifiedName) {
    return invalid.contains(qualifiedName);
  }
}
