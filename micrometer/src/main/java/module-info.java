/** Micrometer metrics for Spindle's AMP and PB endpoints. */
module dev.spindle.micrometer {
  requires transitive dev.spindle.transport;
  requires transitive micrometer.core;

  exports dev.spindle.micrometer;
}
