package test;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.ArgumentType;
import dev.spindle.amp.command.ArgumentTypes;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.runtime.BoxCodecs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The {@link CommandSpec} of {@link Everything}, the AMP command {@code Everything}.
 */
@Generated("dev.spindle.codegen.CommandProcessor")
public final class Everything_AmpSerializer implements CommandSpec<Everything, Everything> {
  /**
   * The only instance, which {@code CommandSpecs.of(Everything.class)} returns.
   */
  public static final Everything_AmpSerializer INSTANCE = new Everything_AmpSerializer();

  private static final byte[] ABSENT_KEY = "absent".getBytes(US_ASCII);

  private static final byte[] BYTES_KEY = "bytes".getBytes(US_ASCII);

  private static final byte[] DASHED_NAME_KEY = "dashed-name".getBytes(US_ASCII);

  private static final byte[] DEC_KEY = "dec".getBytes(US_ASCII);

  private static final byte[] FLAG_KEY = "flag".getBytes(US_ASCII);

  private static final byte[] FROM_KEY = "from".getBytes(US_ASCII);

  private static final byte[] ID_KEY = "id".getBytes(US_ASCII);

  private static final byte[] INT_KEY = "int".getBytes(US_ASCII);

  private static final byte[] INTS_KEY = "ints".getBytes(US_ASCII);

  private static final byte[] MAYBE_KEY = "maybe".getBytes(US_ASCII);

  private static final byte[] NAME_KEY = "name".getBytes(US_ASCII);

  private static final byte[] PATH_KEY = "path".getBytes(US_ASCII);

  private static final byte[] REAL_KEY = "real".getBytes(US_ASCII);

  private static final byte[] ROWS_KEY = "rows".getBytes(US_ASCII);

  private static final byte[] TEXT_KEY = "text".getBytes(US_ASCII);

  private static final byte[] WHEN_KEY = "when".getBytes(US_ASCII);

  private static final BoxCodec<Everything.Row> ROW_CODEC = new RowCodec();

  private static final ArgumentType<List<Long>> LONG_LIST = ArgumentTypes.listOf(ArgumentTypes.LONG);

  private static final ArgumentType<List<Everything.Row>> ROW_LIST = ArgumentTypes.ampList(ROW_CODEC);

  private static final BoxCodec<Everything> ARGUMENTS = new ArgumentsCodec();

  private static final BoxCodec<Everything> RESPONSE = new ResponseCodec();

  private Everything_AmpSerializer() {
  }

  @Override
  public String commandName() {
    return "Everything";
  }

  @Override
  public Class<Everything> commandType() {
    return Everything.class;
  }

  @Override
  public boolean requiresAnswer() {
    return true;
  }

  @Override
  public BoxCodec<Everything> arguments() {
    return ARGUMENTS;
  }

  @Override
  public BoxCodec<Everything> response() {
    return RESPONSE;
  }

  @Override
  public RemoteAmpException declaredError(Throwable failure) {
    if (failure instanceof RemoteAmpException remote) {
      return remote;
    }
    return null;
  }

  @Override
  public Exception declaredException(String errorCode, String description) {
    return null;
  }

  private static final class ArgumentsCodec implements BoxCodec<Everything> {
    @Override
    public void write(Everything value, AmpBox box) {
      String absent = value.absent();
      if (absent != null) {
        box.put(ABSENT_KEY, ArgumentTypes.stringToBytes(absent));
      }
      byte[] bytes = BoxCodecs.requireArgument(value.bytes(), "forgot bytes for b'Everything'");
      box.put(BYTES_KEY, bytes);
      byte[] dashedName = BoxCodecs.requireArgument(value.dashedName(),
          "forgot dashed-name for b'Everything'");
      box.put(DASHED_NAME_KEY, dashedName);
      BigDecimal dec = BoxCodecs.requireArgument(value.dec(), "forgot dec for b'Everything'");
      box.put(DEC_KEY, ArgumentTypes.BIG_DECIMAL.toBytes(dec));
      box.put(FLAG_KEY, ArgumentTypes.booleanToBytes(value.flag()));
      box.put(FROM_KEY, ArgumentTypes.longToBytes(value.start()));
      box.put(INT_KEY, ArgumentTypes.longToBytes(value.number()));
      List<Long> ints = BoxCodecs.requireArgument(value.ints(), "forgot ints for b'Everything'");
      box.put(INTS_KEY, LONG_LIST.toBytes(ints));
      String maybe = value.maybe();
      if (maybe != null) {
        box.put(MAYBE_KEY, ArgumentTypes.stringToBytes(maybe));
      }
      Path path = BoxCodecs.requireArgument(value.path(), "forgot path for b'Everything'");
      box.put(PATH_KEY, ArgumentTypes.PATH.toBytes(path));
      box.put(REAL_KEY, ArgumentTypes.doubleToBytes(value.real()));
      List<Everything.Row> rows = BoxCodecs.requireArgument(value.rows(),
          "forgot rows for b'Everything'");
      box.put(ROWS_KEY, ROW_LIST.toBytes(rows));
      String text = BoxCodecs.requireArgument(value.text(), "forgot text for b'Everything'");
      box.put(TEXT_KEY, ArgumentTypes.stringToBytes(text));
      OffsetDateTime when = BoxCodecs.requireArgument(value.when(),
          "forgot when for b'Everything'");
      box.put(WHEN_KEY, ArgumentTypes.DATE_TIME.toBytes(when));
    }

    @Override
    public Everything read(AmpBox box) {
      long number = BoxCodecs.readLong(box, INT_KEY, "Everything");
      byte[] bytes = BoxCodecs.readBytes(box, BYTES_KEY, "Everything");
      String text = BoxCodecs.readString(box, TEXT_KEY, "Everything");
      boolean flag = BoxCodecs.readBoolean(box, FLAG_KEY, "Everything");
      double real = BoxCodecs.readDouble(box, REAL_KEY, "Everything");
      BigDecimal dec = BoxCodecs.read(box, DEC_KEY, "Everything", ArgumentTypes.BIG_DECIMAL);
      OffsetDateTime when = BoxCodecs.read(box, WHEN_KEY, "Everything", ArgumentTypes.DATE_TIME);
      List<Long> ints = BoxCodecs.read(box, INTS_KEY, "Everything", LONG_LIST);
      List<Everything.Row> rows = BoxCodecs.read(box, ROWS_KEY, "Everything", ROW_LIST);
      Path path = BoxCodecs.read(box, PATH_KEY, "Everything", ArgumentTypes.PATH);
      String maybe = BoxCodecs.readOptional(box, MAYBE_KEY, "Everything", ArgumentTypes.UNICODE);
      String absent = BoxCodecs.readOptional(box, ABSENT_KEY, "Everything", ArgumentTypes.UNICODE);
      long start = BoxCodecs.readLong(box, FROM_KEY, "Everything");
      byte[] dashedName = BoxCodecs.readBytes(box, DASHED_NAME_KEY, "Everything");
      return new Everything(number, bytes, text, flag, real, dec, when, ints, rows, path, maybe,
          absent, start, dashedName);
    }
  }

  private static final class ResponseCodec implements BoxCodec<Everything> {
    @Override
    public void write(Everything value, AmpBox box) {
      String absent = value.absent();
      if (absent != null) {
        box.put(ABSENT_KEY, ArgumentTypes.stringToBytes(absent));
      }
      byte[] bytes = BoxCodecs.requireValue(value.bytes(),
          "Everything response: null bytes (expected: a value, or @Argument(optional = true))");
      box.put(BYTES_KEY, bytes);
      byte[] dashedName = BoxCodecs.requireValue(value.dashedName(),
          "Everything response: null dashed-name (expected: a value, or @Argument(optional = true))");
      box.put(DASHED_NAME_KEY, dashedName);
      BigDecimal dec = BoxCodecs.requireValue(value.dec(),
          "Everything response: null dec (expected: a value, or @Argument(optional = true))");
      box.put(DEC_KEY, ArgumentTypes.BIG_DECIMAL.toBytes(dec));
      box.put(FLAG_KEY, ArgumentTypes.booleanToBytes(value.flag()));
      box.put(FROM_KEY, ArgumentTypes.longToBytes(value.start()));
      box.put(INT_KEY, ArgumentTypes.longToBytes(value.number()));
      List<Long> ints = BoxCodecs.requireValue(value.ints(),
          "Everything response: null ints (expected: a value, or @Argument(optional = true))");
      box.put(INTS_KEY, LONG_LIST.toBytes(ints));
      String maybe = value.maybe();
      if (maybe != null) {
        box.put(MAYBE_KEY, ArgumentTypes.stringToBytes(maybe));
      }
      Path path = BoxCodecs.requireValue(value.path(),
          "Everything response: null path (expected: a value, or @Argument(optional = true))");
      box.put(PATH_KEY, ArgumentTypes.PATH.toBytes(path));
      box.put(REAL_KEY, ArgumentTypes.doubleToBytes(value.real()));
      List<Everything.Row> rows = BoxCodecs.requireValue(value.rows(),
          "Everything response: null rows (expected: a value, or @Argument(optional = true))");
      box.put(ROWS_KEY, ROW_LIST.toBytes(rows));
      String text = BoxCodecs.requireValue(value.text(),
          "Everything response: null text (expected: a value, or @Argument(optional = true))");
      box.put(TEXT_KEY, ArgumentTypes.stringToBytes(text));
      OffsetDateTime when = BoxCodecs.requireValue(value.when(),
          "Everything response: null when (expected: a value, or @Argument(optional = true))");
      box.put(WHEN_KEY, ArgumentTypes.DATE_TIME.toBytes(when));
    }

    @Override
    public Everything read(AmpBox box) {
      long number = BoxCodecs.readLong(box, INT_KEY, "Everything response");
      byte[] bytes = BoxCodecs.readBytes(box, BYTES_KEY, "Everything response");
      String text = BoxCodecs.readString(box, TEXT_KEY, "Everything response");
      boolean flag = BoxCodecs.readBoolean(box, FLAG_KEY, "Everything response");
      double real = BoxCodecs.readDouble(box, REAL_KEY, "Everything response");
      BigDecimal dec = BoxCodecs.read(box, DEC_KEY, "Everything response",
          ArgumentTypes.BIG_DECIMAL);
      OffsetDateTime when = BoxCodecs.read(box, WHEN_KEY, "Everything response",
          ArgumentTypes.DATE_TIME);
      List<Long> ints = BoxCodecs.read(box, INTS_KEY, "Everything response", LONG_LIST);
      List<Everything.Row> rows = BoxCodecs.read(box, ROWS_KEY, "Everything response", ROW_LIST);
      Path path = BoxCodecs.read(box, PATH_KEY, "Everything response", ArgumentTypes.PATH);
      String maybe = BoxCodecs.readOptional(box, MAYBE_KEY, "Everything response",
          ArgumentTypes.UNICODE);
      String absent = BoxCodecs.readOptional(box, ABSENT_KEY, "Everything response",
          ArgumentTypes.UNICODE);
      long start = BoxCodecs.readLong(box, FROM_KEY, "Everything response");
      byte[] dashedName = BoxCodecs.readBytes(box, DASHED_NAME_KEY, "Everything response");
      return new Everything(number, bytes, text, flag, real, dec, when, ints, rows, path, maybe,
          absent, start, dashedName);
    }
  }

  private static final class RowCodec implements BoxCodec<Everything.Row> {
    @Override
    public void write(Everything.Row value, AmpBox box) {
      box.put(ID_KEY, ArgumentTypes.longToBytes(value.id()));
      String name = value.name();
      if (name != null) {
        box.put(NAME_KEY, ArgumentTypes.stringToBytes(name));
      }
    }

    @Override
    public Everything.Row read(AmpBox box) {
      long id = BoxCodecs.readLong(box, ID_KEY, "Everything.Row");
      String name = BoxCodecs.readOptional(box, NAME_KEY, "Everything.Row", ArgumentTypes.UNICODE);
      return new Everything.Row(id, name);
    }
  }
}
