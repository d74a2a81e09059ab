package test;

/** A value with a user-defined ArgumentType. */
public final class Rgb {
  final int rgb;

  public Rgb(int rgb) {
    this.rgb = rgb;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rgb other && other.rgb == rgb;
  }

  @Override
  public int hashCode() {
    return rgb;
  }

  @Override
  public String toString() {
    return String.format("#%06x", rgb);
  }
}
