package test;

import dev.spindle.amp.command.AmpDecimal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/** Sample values, built in Java so the test needs no reflection to construct them. */
public final class Fixtures {
  private Fixtures() {}

  /** The values of the 'Everything' vector in amp-boxes.json. */
  public static Everything everything() {
    return everything("café");
  }

  /** The 'Everything' values with another {@code text}. */
  public static Everything everything(String text) {
    return new Everything(
        -42,
        HexFormat.of().parseHex("00ff726177"),
        text,
        true,
        0.5,
        new BigDecimal("-1.250"),
        OffsetDateTime.of(2022, 4, 1, 12, 30, 45, 123_456_000, ZoneOffset.UTC),
        List.of(1L, 2L, 3L),
        List.of(new Everything.Row(1, "one"), new Everything.Row(2, null)),
        Path.of("/srv/data"),
        "here",
        null,
        7,
        "dash".getBytes(StandardCharsets.US_ASCII));
  }

  /** Every supported type with a value, optional ones included. */
  public static Kitchen kitchen() {
    return new Kitchen(
        Integer.MIN_VALUE,
        42,
        Long.MAX_VALUE,
        -1L,
        BigInteger.TWO.pow(100).negate(),
        new byte[] {0, -1, 10, 13},
        "héllo \uD83D\uDE00",
        true,
        false,
        -2.5e-7,
        1e16,
        new BigDecimal("1234567890.0987654321"),
        AmpDecimal.of(new BigDecimal("-1.5E-7")),
        OffsetDateTime.of(2022, 4, 1, 12, 30, 45, 0, ZoneOffset.ofHoursMinutes(5, 30)),
        Path.of("/tmp/a b"),
        List.of(1L, -2L, 300L),
        List.of(List.of(1, 2), List.of(), List.of(3)),
        List.of("a", "", "ü"),
        List.of(new byte[] {1, 2}, new byte[0]),
        List.of(new BigDecimal("0.1"), new BigDecimal("-0")),
        List.of(new Shelf("top", true, 3, "dusty"), new Shelf("bottom", false, 0, null)),
        new Rgb(0xff8800),
        5L,
        List.of("x"),
        new Rgb(0x000001),
        List.of());
  }

  /** Like {@link #kitchen()}, with every optional argument absent. */
  public static Kitchen sparseKitchen() {
    Kitchen k = kitchen();
    return new Kitchen(k.smallInt(), k.boxedInt(), k.bigLong(), k.boxedLong(), k.huge(), k.raw(),
        k.text(), k.yes(), k.boxedYes(), k.real(), k.boxedReal(), k.money(), k.decimal(),
        k.when(), k.path(), k.longs(), k.matrix(), k.words(), k.blobs(), k.prices(), k.shelves(),
        k.color(), null, null, null, null);
  }

  public static Ping ping() {
    return new Ping("hi", 3);
  }
}
