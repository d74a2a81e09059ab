package dev.spindle.codegen;

/** The list of supported types that ends every "unsupported type" message. */
final class ValueTypeNames {
  static final String SUPPORTED =
      "AMP supports int, long, Integer, Long, BigInteger, byte[], String, boolean, Boolean, double,"
          + " Double, BigDecimal, AmpDecimal, OffsetDateTime, java.nio.file.Path, a List of those"
          + " (nested Lists too), a List of records or of classes with @Argument fields (AmpList),"
          + " or any type with @Argument(type = YourArgumentType.class)";

  private ValueTypeNames() {}
}
