/** The spindle-codegen annotation processor. Exports nothing; javac finds it as a service. */
module dev.spindle.codegen {
  requires java.compiler;
  requires com.squareup.javapoet;

  provides javax.annotation.processing.Processor with
      dev.spindle.codegen.CommandProcessor;
}
