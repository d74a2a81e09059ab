package dev.spindle.codegen.writing;

/** What a generated codec encodes, which decides its messages and how it refuses nulls. */
enum Role {
  /** A command's arguments: a null required value is Twisted's {@code InvalidSignature}. */
  ARGUMENTS,
  /** A command's response values. */
  RESPONSE,
  /** One {@code AmpList} row. */
  ROW;

  /** The {@code BoxCodecs} method that refuses a null required value. */
  String requireMethod() {
    return this == ARGUMENTS ? "requireArgument" : "requireValue";
  }

  /** The message when the required value of {@code wireName} is null. */
  String nullMessage(String owner, String commandName, String wireName) {
    if (this == ARGUMENTS) {
      return "forgot " + wireName + " for " + PythonBytes.repr(commandName);
    }
    return owner + ": null " + wireName + " (expected: a value, or @Argument(optional = true))";
  }
}
