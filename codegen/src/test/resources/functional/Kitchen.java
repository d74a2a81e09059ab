package test;

import dev.spindle.amp.command.AmpDecimal;
import dev.spindle.amp.command.Argument;
import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/** Every Java type the processor supports, as a command and as its response. */
@Command(name = "kitchen-sink")
public record Kitchen(
    int smallInt,
    Integer boxedInt,
    long bigLong,
    Long boxedLong,
    BigInteger huge,
    byte[] raw,
    String text,
    boolean yes,
    Boolean boxedYes,
    double real,
    Double boxedReal,
    BigDecimal money,
    AmpDecimal decimal,
    OffsetDateTime when,
    Path path,
    List<Long> longs,
    List<List<Integer>> matrix,
    List<String> words,
    List<byte[]> blobs,
    List<BigDecimal> prices,
    List<Shelf> shelves,
    @Argument(type = RgbType.class) Rgb color,
    @Argument(optional = true) Long maybeLong,
    @Argument(optional = true) List<String> maybeWords,
    @Argument(optional = true, type = RgbType.class) Rgb maybeColor,
    @Argument(optional = true) List<Shelf> maybeShelves)
    implements Request<Kitchen> {}
