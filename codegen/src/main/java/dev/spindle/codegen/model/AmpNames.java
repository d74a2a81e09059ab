package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;

/**
 * Names of the amp-core types that the processor reads and the generated code uses. The processor
 * never loads these classes: it refers to them by name only, so it runs without amp-core.
 */
public final class AmpNames {
  private static final String AMP = "dev.spindle.amp";
  private static final String COMMAND_PACKAGE = AMP + ".command";
  private static final String RUNTIME_PACKAGE = AMP + ".runtime";

  /** {@code @Command}. */
  public static final String COMMAND = COMMAND_PACKAGE + ".Command";
  /** {@code @Argument}. */
  public static final String ARGUMENT = COMMAND_PACKAGE + ".Argument";
  /** {@code @Responder}. */
  public static final String RESPONDER = COMMAND_PACKAGE + ".Responder";
  /** {@code @CommandNaming}, on a package. */
  public static final String COMMAND_NAMING = COMMAND_PACKAGE + ".CommandNaming";
  /** {@code Request<R>}. */
  public static final String REQUEST = COMMAND_PACKAGE + ".Request";
  /** {@code ArgumentType<T>}. */
  public static final String ARGUMENT_TYPE = COMMAND_PACKAGE + ".ArgumentType";
  /** {@code AmpDecimal}. */
  public static final String AMP_DECIMAL = COMMAND_PACKAGE + ".AmpDecimal";
  /** {@code AmpDateTime}. */
  public static final String AMP_DATE_TIME = COMMAND_PACKAGE + ".AmpDateTime";

  // The runtime classes the generated code refers to, by name: the processor never loads them.

  /** {@code dev.spindle.amp.box.AmpBox}. */
  public static final ClassName AMP_BOX = ClassName.get(AMP + ".box", "AmpBox");
  /** {@code RemoteAmpException}. */
  public static final ClassName REMOTE_AMP_EXCEPTION =
      ClassName.get(AMP + ".exceptions", "RemoteAmpException");
  /** {@code CommandSpec}. */
  public static final ClassName COMMAND_SPEC = ClassName.get(COMMAND_PACKAGE, "CommandSpec");
  /** {@code BoxCodec}. */
  public static final ClassName BOX_CODEC = ClassName.get(COMMAND_PACKAGE, "BoxCodec");
  /** {@code BoxCodecs}. */
  public static final ClassName BOX_CODECS = ClassName.get(RUNTIME_PACKAGE, "BoxCodecs");
  /** {@code ArgumentType}. */
  public static final ClassName ARGUMENT_TYPE_CLASS = ClassName.get(COMMAND_PACKAGE, "ArgumentType");
  /** {@code ArgumentTypes}. */
  public static final ClassName ARGUMENT_TYPES = ClassName.get(COMMAND_PACKAGE, "ArgumentTypes");
  /** {@code AmpDecimal}. */
  public static final ClassName AMP_DECIMAL_CLASS = ClassName.get(COMMAND_PACKAGE, "AmpDecimal");
  /** {@code AmpDateTime}. */
  public static final ClassName AMP_DATE_TIME_CLASS = ClassName.get(COMMAND_PACKAGE, "AmpDateTime");
  /** {@code Responders}. */
  public static final ClassName RESPONDERS = ClassName.get(RUNTIME_PACKAGE, "Responders");
  /** {@code CommandLocator}. */
  public static final ClassName COMMAND_LOCATOR = ClassName.get(AMP + ".locator", "CommandLocator");
  /** {@code AmpConnection}, which a responder may take as its second parameter. */
  public static final String AMP_CONNECTION = AMP + ".AmpConnection";
  /** {@code AmpConnection}, as generated code names it. */
  public static final ClassName AMP_CONNECTION_CLASS = ClassName.get(AMP, "AmpConnection");
  /** {@code BoxResponder}. */
  public static final ClassName BOX_RESPONDER = ClassName.get(AMP + ".locator", "BoxResponder");

  /** Suffix of the generated {@code CommandSpec}, as {@code CommandSpecs} expects it. */
  public static final String SERIALIZER_SUFFIX = "_AmpSerializer";
  /** Suffix of the generated {@code CommandLocator}, as {@code CommandLocator.of} expects it. */
  public static final String LOCATOR_SUFFIX = "_AmpLocator";

  private AmpNames() {}
}
