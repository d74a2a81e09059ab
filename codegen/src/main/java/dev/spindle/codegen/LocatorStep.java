package dev.spindle.codegen;

import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.GeneratedNames;
import dev.spindle.codegen.model.LocatorModel;
import dev.spindle.codegen.validation.ErrorReporter;
import dev.spindle.codegen.validation.NameClashValidator;
import dev.spindle.codegen.validation.ResponderValidator;
import dev.spindle.codegen.writing.LocatorGenerator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Generates {@code <Class>_AmpLocator} for each valid class with {@code @Responder} methods. */
final class LocatorStep implements Step {
  private final ProcessingEnvironment env;
  private final ErrorReporter reporter;
  private final NameClashValidator names;
  private final LocatorGenerator generator;
  private final Predicate<String> invalidCommands;

  /**
   * Creates the step; {@code invalidCommands} tells which commands of this build had mistakes: a
   * locator that answers one is not generated, as it would name a serializer that does not exist.
   */
  LocatorStep(
      ProcessingEnvironment env, ErrorReporter reporter, Predicate<String> invalidCommands) {
    this.env = env;
    this.invalidCommands = invalidCommands;
    this.reporter = reporter;
    this.names = new NameClashValidator(env.getElementUtils(), reporter);
    this.generator = new LocatorGenerator(env.getFiler(), reporter);
  }

  @Override
  public Set<TypeElement> types(RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    TypeElement responder = env.getElementUtils().getTypeElement(AmpNames.RESPONDER);
    if (responder != null) {
      for (Element method : round.getElementsAnnotatedWith(responder)) {
        types.add((TypeElement) method.getEnclosingElement());
      }
    }
    return types;
  }

  private boolean answersOnlyValidCommands(LocatorModel model) {
    return model.responders().stream()
        .noneMatch(r -> invalidCommands.test(r.commandType().canonicalName()));
  }

  @Override
  public void process(List<TypeElement> types) {
    ResponderValidator validator = new ResponderValidator(env, reporter);
    Set<TypeElement> unique = new LinkedHashSet<>(
        names.unique(types, t -> GeneratedNames.of(t, AmpNames.LOCATOR_SUFFIX)));
    for (TypeElement type : types) {
      validator.validate(type)
          .filter(m -> unique.contains(type))
          .filter(this::answersOnlyValidCommands)
          .ifPresent(generator::generate);
    }
  }
}
