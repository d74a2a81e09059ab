package dev.spindle.codegen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Runs {@link CommandProcessor} and records the source files it creates, which compile-testing
 * hides when the compilation fails.
 */
final class RecordingProcessor extends AbstractProcessor {
  private final CommandProcessor delegate = new CommandProcessor();
  private final List<String> created = new ArrayList<>();

  /** The qualified names of the source files created so far. */
  List<String> created() {
    return List.copyOf(created);
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    delegate.init(new RecordingEnvironment(env));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate.process(annotations, round);
  }

  private final class RecordingEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment env;

    RecordingEnvironment(ProcessingEnvironment env) {
      this.env = env;
    }

    @Override
    public Map<String, String> getOptions() {
      return env.getOptions();
    }

    @Override
    public Messager getMessager() {
      return env.getMessager();
    }

    @Override
    public Filer getFiler() {
      Filer filer = env.getFiler();
      return new Filer() {
        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements)
            throws IOException {
          created.add(name.toString());
          return filer.createSourceFile(name, originatingElements);
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements)
            throws IOException {
          return filer.createClassFile(name, originatingElements);
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
            CharSequence relativeName, Element... originatingElements) throws IOException {
          return filer.createResource(location, moduleAndPkg, relativeName, originatingElements);
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
            CharSequence relativeName) throws IOException {
          return filer.getResource(location, moduleAndPkg, relativeName);
        }
      };
    }

    @Override
    public Elements getElementUtils() {
      return env.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return env.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return env.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return env.getLocale();
    }
  }
}
