package dev.spindle.pb.exceptions;

import java.util.Objects;

/**
 * A received value, or an element inside it, does not convert to the type a remote interface
 * declares: the answer to a typed stub's call ({@code where} names the interface method), or an
 * argument of a generated skeleton's method (the peer gets Twisted's {@code TypeError} with this
 * text).
 *
 * <p>{@link #path()} locates the offending element inside the value, Python-style: {@code [2]}
 * is the third element of a list, {@code ['k']} the value at key {@code 'k'}, {@code <key 'k'>}
 * the key itself, {@code <element 'x'>} a set's element; empty for the value itself.
 */
public final class PbConversionException extends PbArgumentException {
  private static final long serialVersionUID = 1L;

  /** The call, or {@code null}; see {@link #where()}. */
  private final String where;
  /** Where the element is inside the value; see {@link #path()}. */
  private final String path;
  /** What is wrong with the element; see {@link #problem()}. */
  private final String problem;

  /**
   * Creates the exception: {@code where} (nullable) names the call, {@code path} the element,
   * {@code problem} what is wrong with it ("expected Long, got 'x'").
   *
   * @param where the call, for example {@code result of Calculator.add}, or {@code null}
   * @param path the offending element inside the value, for example {@code [2]}; empty for the
   *     value itself
   * @param problem what is wrong with the element, for example {@code expected Long, got 'x'}
   */
  public PbConversionException(String where, String path, String problem) {
    super(message(where, path, problem));
    this.where = where;
    this.path = Objects.requireNonNull(path, "path");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  private static String message(String where, String path, String problem) {
    return (where == null ? "" : where + ": ") + (path.isEmpty() ? "" : path + ": ") + problem;
  }

  /**
   * {@code e} as a conversion failure of the value itself, if it is not one already.
   *
   * @param e a failed conversion, perhaps already a {@code PbConversionException}
   * @return {@code e} itself if it is one, else a conversion failure of the value with its message
   */
  public static PbConversionException of(PbArgumentException e) {
    return e instanceof PbConversionException c ? c : new PbConversionException(null, "", e.getMessage());
  }

  /**
   * This failure, one level deeper: {@code step} is the element of the enclosing value.
   *
   * @param step the element's step inside the enclosing value, prefixed to {@link #path()}
   * @return a new exception with the longer path, the same call and problem
   */
  public PbConversionException at(String step) {
    return new PbConversionException(where, step + path, problem);
  }

  /**
   * This failure, in the call {@code where} ("result of Calculator.add").
   *
   * @param where the call, for example {@code result of Calculator.add}
   * @return a new exception with that call, the same path and problem
   */
  public PbConversionException in(String where) {
    return new PbConversionException(where, path, problem);
  }

  /** {@return the call, for example {@code result of Calculator.add}; null if not known} */
  public String where() {
    return where;
  }

  /** {@return where the offending element is inside the value; empty for the value itself} */
  public String path() {
    return path;
  }

  /** {@return what is wrong with the offending value, naming it ("expected Long, got 'x'")} */
  public String problem() {
    return problem;
  }
}
