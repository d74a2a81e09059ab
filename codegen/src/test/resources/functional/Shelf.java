package test;

import dev.spindle.amp.command.Argument;
import java.util.Objects;

/** An AmpList row declared as a class: a getter, an is-getter, a field, an optional value. */
public final class Shelf {
  @Argument private final String label;
  @Argument private final boolean full;
  @Argument final long capacity;
  @Argument(name = "note", optional = true) private final String comment;

  public Shelf(String label, boolean full, long capacity, String comment) {
    this.label = label;
    this.full = full;
    this.capacity = capacity;
    this.comment = comment;
  }

  public String getLabel() {
    return label;
  }

  public boolean isFull() {
    return full;
  }

  String comment() {
    return comment;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shelf s && s.label.equals(label) && s.full == full
        && s.capacity == capacity && Objects.equals(s.comment, comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, full, capacity, comment);
  }

  @Override
  public String toString() {
    return "Shelf[" + label + ", " + full + ", " + capacity + ", " + comment + "]";
  }
}
