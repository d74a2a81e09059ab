/** OpenTelemetry tracing for Spindle's AMP and PB endpoints. */
module dev.spindle.opentelemetry {
  requires transitive dev.spindle.transport;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports dev.spindle.opentelemetry;
}
