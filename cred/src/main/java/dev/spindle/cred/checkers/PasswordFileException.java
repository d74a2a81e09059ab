package dev.spindle.cred.checkers;

import java.util.List;

/**
 * A password file is malformed. {@link #problems()} lists every problem found, each as {@code
 * <file>:<line>: <what is wrong> (expected: <rule>)}; none repeats a hash. Unchecked.
 */
public final class PasswordFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The problems found, in line order; immutable, never empty. */
  private final List<String> problems;

  /**
   * Creates an exception listing {@code problems}, at least one.
   *
   * @param problems each problem as {@code <file>:<line>: <what> (expected: <rule>)}, in line order
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PasswordFileException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: empty (expected: at least one)");
    }
    return problems.size() == 1
        ? problems.get(0)
        : problems.size() + " problems:\n" + String.join("\n", problems);
  }

  /**
   * Every problem, in line order.
   *
   * @return an immutable list of one or more problems
   */
  public List<String> problems() {
    return problems;
  }
}
