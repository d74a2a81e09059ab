package dev.spindle.codegen.validation;

import com.squareup.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Makes sure no two source types get the same generated class name ({@code Foo.Bar} and {@code
 * Foo_Bar} both give {@code Foo_Bar_AmpSerializer}), and that no generated class replaces a class
 * the user wrote. Remembers the names it has handed out across rounds.
 */
public final class NameClashValidator {
  private final Elements elements;
  private final ErrorReporter reporter;
  private final Map<ClassName, String> claimed = new HashMap<>();

  /**
   * Creates a validator that reports to {@code reporter}.
   *
   * @param elements the processing environment's element utilities, to find classes the user wrote
   * @param reporter reports each clash on the types involved
   */
  public NameClashValidator(Elements elements, ErrorReporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  /**
   * Returns the types whose generated class name ({@code naming}) is theirs alone, reporting an
   * error on each of the others.
   *
   * @param types the candidate types, in the order they are to be generated
   * @param naming gives each type's generated class name
   * @return the types whose generated name clashes with nothing, in the given order
   */
  public List<TypeElement> unique(List<TypeElement> types, Function<TypeElement, ClassName> naming) {
    Map<ClassName, List<TypeElement>> byName = new LinkedHashMap<>();
    for (TypeElement type : types) {
      byName.computeIfAbsent(naming.apply(type), n -> new ArrayList<>()).add(type);
    }
    List<TypeElement> out = new ArrayList<>();
    byName.forEach((name, sources) -> {
      if (sources.size() > 1) {
        for (TypeElement source : sources) {
          TypeElement other = sources.get(sources.get(0) == source ? 1 : 0);
          reportClash(source, name, other.getQualifiedName().toString());
        }
        return;
      }
      TypeElement source = sources.get(0);
      String qualified = source.getQualifiedName().toString();
      String earlier = claimed.get(name);
      if (earlier != null && !earlier.equals(qualified)) {
        reportClash(source, name, earlier);
      } else if (earlier == null && elements.getTypeElement(name.canonicalName()) != null) {
        reporter.error(source, "the generated class " + name.canonicalName() + " for "
            + qualified + " would replace a class of that name: rename that class");
      } else {
        claimed.put(name, qualified);
        out.add(source);
      }
    });
    return out;
  }

  private void reportClash(TypeElement source, ClassName name, String other) {
    reporter.error(source, "the generated class " + name.canonicalName() + " for "
        + source.getQualifiedName() + " would have the same name as the one for " + other
        + ": rename one of the two");
  }
}
