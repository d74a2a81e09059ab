package dev.spindle.codegen;

import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;

/** One job of the processor: the types it handles and what it does with them in a round. */
interface Step {
  /** The types of this round to process, from their annotated elements. */
  Set<TypeElement> types(RoundEnvironment round);

  /** Validates {@code types}, all of whose types are resolved, and generates for the valid ones. */
  void process(List<TypeElement> types);
}
