package dev.spindle.codegen;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes of a compile-testing compilation from memory; everything else (amp-core, the
 * JDK) comes from the test's own class loader, so the types are shared with the test.
 */
final class CompiledClassLoader extends ClassLoader {
  private static final String OUTPUT = "/CLASS_OUTPUT/";

  private final Map<String, byte[]> classes = new HashMap<>();

  CompiledClassLoader(Compilation compilation) {
    super(CompiledClassLoader.class.getClassLoader());
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (file.getKind() != JavaFileObject.Kind.CLASS || !path.startsWith(OUTPUT)) {
        continue;
      }
      String name = path.substring(OUTPUT.length(), path.length() - ".class".length())
          .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** Loads {@code name}, failing the test if it was not compiled. */
  Class<?> load(String name) {
    try {
      return loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("not compiled: " + name, e);
    }
  }
}
