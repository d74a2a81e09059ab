package dev.spindle.pb.broker;

import java.util.List;

/**
 * An error the broker itself reports to the peer under a Python exception type, exactly as Twisted
 * would: {@code twisted.spread.flavors.NoSuchMethod} for an unknown method, {@code
 * builtins.TypeError} for arguments that do not bind, {@code builtins.KeyError} for a {@code
 * cachemessage} to an unknown cache. Not for applications (they throw {@code PbError} or any
 * exception); never seen locally except in logs.
 */
public final class TwistedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final String NO_SUCH_METHOD = "twisted.spread.flavors.NoSuchMethod";
  static final String TYPE_ERROR = "builtins.TypeError";
  static final String KEY_ERROR = "builtins.KeyError";

  private final String typeName;
  private final List<String> parents;

  TwistedException(String typeName, String value, List<String> parents) {
    super(value, null, false, false);
    this.typeName = typeName;
    this.parents = parents;
  }

  static TwistedException noSuchMethod(String prefixedName) {
    return new TwistedException(NO_SUCH_METHOD, "No such method: " + prefixedName,
        List.of(NO_SUCH_METHOD, "builtins.AttributeError", "builtins.Exception",
            "builtins.BaseException", "builtins.object"));
  }

  static TwistedException typeError(String message) {
    return new TwistedException(TYPE_ERROR, message,
        List.of(TYPE_ERROR, "builtins.Exception", "builtins.BaseException", "builtins.object"));
  }

  /** Python's {@code KeyError(key)}: its value is the key's repr. */
  static TwistedException keyError(String repr) {
    return new TwistedException(KEY_ERROR, repr,
        List.of(KEY_ERROR, "builtins.LookupError", "builtins.Exception", "builtins.BaseException",
            "builtins.object"));
  }

  /** The Python type name sent as the failure's {@code type}. */
  public String typeName() {
    return typeName;
  }

  /** The Python class hierarchy sent as the failure's {@code parents}. */
  public List<String> parents() {
    return parents;
  }
}
