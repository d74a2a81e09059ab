/** The spindle command-line tool. Exports nothing: run it with {@code java -jar spindle.jar}. */
module dev.spindle.cli {
  requires dev.spindle.amp;
  requires dev.spindle.pb;
  requires dev.spindle.cred;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.common;
  requires io.netty.transport;
  // @Generated on serve-demo's generated AMP classes.
  requires static java.compiler;

  // serve-demo's PB root and avatar are called by reflection.
  opens dev.spindle.cli.demo to dev.spindle.pb;
}
