package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.CopyRecord;

/**
 * {@code copy_sender.py}'s LilyPond, sent by value: its components are the state ({@code color},
 * {@code numFrogs}), under the name Twisted's receiver registered ({@code copy_sender.CopyPond}).
 */
@CopyRecord("copy_sender.CopyPond")
public record Pond(String color, long numFrogs) {
  /** {@code countFrogs()}: the line the howto prints. */
  public String countFrogs() {
    return numFrogs + " frogs";
  }
}
