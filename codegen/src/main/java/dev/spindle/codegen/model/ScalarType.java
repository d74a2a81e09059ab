package dev.spindle.codegen.model;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;

/** An AMP argument type that maps to one Java type with a built-in {@code ArgumentTypes} constant. */
public enum ScalarType {
  /** AMP {@code Integer} as {@code int} or {@code Integer}. */
  INT(ClassName.get(Integer.class), "INT"),
  /** AMP {@code Integer} as {@code long} or {@code Long}. */
  LONG(ClassName.get(Long.class), "LONG"),
  /** AMP {@code Integer} as {@code BigInteger}. */
  BIG_INTEGER(ClassName.get("java.math", "BigInteger"), "BIG_INTEGER"),
  /** AMP {@code String} as {@code byte[]}. */
  BYTES(ArrayTypeName.of(TypeName.BYTE), "STRING"),
  /** AMP {@code Unicode} as {@code String}. */
  UNICODE(ClassName.get(String.class), "UNICODE"),
  /** AMP {@code Boolean} as {@code boolean} or {@code Boolean}. */
  BOOLEAN(ClassName.get(Boolean.class), "BOOLEAN"),
  /** AMP {@code Float} as {@code double} or {@code Double}. */
  FLOAT(ClassName.get(Double.class), "FLOAT"),
  /** AMP {@code Decimal} as {@code BigDecimal}. */
  BIG_DECIMAL(ClassName.get("java.math", "BigDecimal"), "BIG_DECIMAL"),
  /** AMP {@code Decimal} as {@code AmpDecimal}. */
  DECIMAL(AmpNames.AMP_DECIMAL_CLASS, "DECIMAL"),
  /** AMP {@code DateTime} as {@code OffsetDateTime}. */
  DATE_TIME(ClassName.get("java.time", "OffsetDateTime"), "DATE_TIME"),
  /** AMP {@code DateTime} as {@code AmpDateTime}: offsets up to ±23:59. */
  AMP_DATE_TIME(AmpNames.AMP_DATE_TIME_CLASS, "AMP_DATE_TIME"),
  /** AMP {@code Path} as {@code java.nio.file.Path}. */
  PATH(ClassName.get("java.nio.file", "Path"), "PATH");

  private final TypeName javaType;
  private final String constant;

  ScalarType(TypeName javaType, String constant) {
    this.javaType = javaType;
    this.constant = constant;
  }

  /**
   * The Java reference type ({@code Long} for {@code long}).
   *
   * @return the boxed Java type, such as {@code Long}
   */
  public TypeName javaType() {
    return javaType;
  }

  /**
   * The name of the {@code ArgumentTypes} constant.
   *
   * @return the constant's name in {@code ArgumentTypes}, such as {@code LONG}
   */
  public String constant() {
    return constant;
  }
}
