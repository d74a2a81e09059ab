package test;

import dev.spindle.amp.command.Argument;
import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/** The 'Everything' command of amp-boxes.json: every basic type; it answers with itself. */
@Command
public record Everything(
    @Argument(name = "int") long number,
    byte[] bytes,
    String text,
    boolean flag,
    double real,
    BigDecimal dec,
    OffsetDateTime when,
    List<Long> ints,
    List<Row> rows,
    Path path,
    @Argument(optional = true) String maybe,
    @Argument(optional = true) String absent,
    @Argument(name = "from") long start,
    @Argument(name = "dashed-name") byte[] dashedName)
    implements Request<Everything> {

  /** One AmpList row: an id and an optional name. */
  public record Row(long id, @Argument(optional = true) String name) {}
}
