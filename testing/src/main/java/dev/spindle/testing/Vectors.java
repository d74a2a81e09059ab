package dev.spindle.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Loads the golden vectors that Twisted 22.4 produced ({@code ../shared/vectors/*.json} beside the
 * project root). The directory comes from the {@code spindle.vectors} system property, which the
 * build sets; a missing directory fails the test rather than skipping it.
 */
public final class Vectors {
  private static final HexFormat HEX = HexFormat.of();

  private Vectors() {}

  /** The vectors directory. */
  public static Path dir() {
    String dir = System.getProperty("spindle.vectors");
    if (dir == null) {
      dir = "../../shared/vectors";
    }
    Path p = Path.of(dir);
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException(
          "golden vectors not found at " + p.toAbsolutePath() + " (expected: ../shared/vectors beside the project)");
    }
    return p;
  }

  /** Parses {@code name} (e.g. {@code amp-boxes.json}). */
  public static JsonObject load(String name) {
    try (Reader r = Files.newBufferedReader(dir().resolve(name), StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(r).getAsJsonObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read vector file " + name, e);
    }
  }

  /** Decodes lower-case hex. */
  public static byte[] hex(String hex) {
    return HEX.parseHex(hex);
  }

  /** Decodes the hex string held by {@code element}. */
  public static byte[] hex(JsonElement element) {
    return HEX.parseHex(element.getAsString());
  }

  /** Encodes bytes as lower-case hex. */
  public static String toHex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
