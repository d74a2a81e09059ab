/**
 * Validation: reads annotated elements through {@code javax.lang.model}, reports every mistake
 * through one {@link dev.spindle.codegen.validation.ErrorReporter} (a compile error on the
 * offending element, stating the rule and the fix), and builds a {@code model} only for elements
 * without mistakes. Sees {@code model}.
 */
package dev.spindle.codegen.validation;
