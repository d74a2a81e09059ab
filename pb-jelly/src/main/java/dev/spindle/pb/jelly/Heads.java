package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.util.Set;

/** Jelly's list heads (Twisted's {@code *_atom} constants) as text and as byte strings. */
final class Heads {
  static final String NONE = "None";
  static final String BOOLEAN = "boolean";
  static final String UNICODE = "unicode";
  static final String DECIMAL = "decimal";
  static final String DATETIME = "datetime";
  static final String DATE = "date";
  static final String TIME = "time";
  static final String TIMEDELTA = "timedelta";
  static final String LIST = "list";
  static final String TUPLE = "tuple";
  static final String SET = "set";
  static final String FROZENSET = "frozenset";
  static final String DICTIONARY = "dictionary";
  static final String REFERENCE = "reference";
  static final String DEREFERENCE = "dereference";
  static final String UNPERSISTABLE = "unpersistable";
  static final String PERSISTENT = "persistent";
  static final String INSTANCE = "instance";
  static final String CLASS = "class";
  static final String MODULE = "module";
  static final String FUNCTION = "function";
  static final String METHOD = "method";

  /** Every head Twisted's unjellier decodes itself ({@code _unjelly_*}); none can be registered. */
  static final Set<String> BUILT_IN = Set.of(
      NONE, BOOLEAN, UNICODE, DECIMAL, DATETIME, DATE, TIME, TIMEDELTA, LIST, TUPLE, SET,
      FROZENSET, DICTIONARY, REFERENCE, DEREFERENCE, UNPERSISTABLE, PERSISTENT, INSTANCE, CLASS,
      MODULE, FUNCTION, METHOD);

  static final Sexp.Bytes NONE_ATOM = Sexp.ascii(NONE);
  static final Sexp.Bytes BOOLEAN_ATOM = Sexp.ascii(BOOLEAN);
  static final Sexp.Bytes UNICODE_ATOM = Sexp.ascii(UNICODE);
  static final Sexp.Bytes DECIMAL_ATOM = Sexp.ascii(DECIMAL);
  static final Sexp.Bytes DATETIME_ATOM = Sexp.ascii(DATETIME);
  static final Sexp.Bytes DATE_ATOM = Sexp.ascii(DATE);
  static final Sexp.Bytes TIME_ATOM = Sexp.ascii(TIME);
  static final Sexp.Bytes TIMEDELTA_ATOM = Sexp.ascii(TIMEDELTA);
  static final Sexp.Bytes LIST_ATOM = Sexp.ascii(LIST);
  static final Sexp.Bytes TUPLE_ATOM = Sexp.ascii(TUPLE);
  static final Sexp.Bytes SET_ATOM = Sexp.ascii(SET);
  static final Sexp.Bytes FROZENSET_ATOM = Sexp.ascii(FROZENSET);
  static final Sexp.Bytes DICTIONARY_ATOM = Sexp.ascii(DICTIONARY);
  static final Sexp.Bytes REFERENCE_ATOM = Sexp.ascii(REFERENCE);
  static final Sexp.Bytes DEREFERENCE_ATOM = Sexp.ascii(DEREFERENCE);
  static final Sexp.Bytes UNPERSISTABLE_ATOM = Sexp.ascii(UNPERSISTABLE);

  static final Sexp.SList NONE_SEXP = Sexp.list(NONE_ATOM);
  static final Sexp.SList TRUE_SEXP = Sexp.list(BOOLEAN_ATOM, Sexp.ascii("true"));
  static final Sexp.SList FALSE_SEXP = Sexp.list(BOOLEAN_ATOM, Sexp.ascii("false"));

  private Heads() {}
}
