package dev.spindle.amp.runtime;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.exceptions.AmpException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Finds the generated {@link CommandSpec} of a command class: {@code <Command>_AmpSerializer} in
 * the same package (nested names joined by {@code _}). The lookup uses reflection once per class
 * and is cached; calls after the first cost a {@link ClassValue} read.
 */
public final class CommandSpecs {
  private static final ClassValue<CommandSpec<?, ?>> SPECS =
      new ClassValue<>() {
        @Override
        protected CommandSpec<?, ?> computeValue(Class<?> type) {
          return load(type);
        }
      };

  private CommandSpecs() {}

  /**
   * Returns the spec generated for {@code commandType}.
   *
   * @param <C> the command type
   * @param <R> the response type
   * @param commandType the command record's class, annotated with {@code @Command}
   * @return the generated spec, never null
   * @throws AmpException if no spec was generated (the annotation processor did not run)
   */
  @SuppressWarnings("unchecked")
  public static <C extends Request<R>, R> CommandSpec<C, R> of(Class<C> commandType) {
    return (CommandSpec<C, R>) SPECS.get(commandType);
  }

  /**
   * Returns the spec of {@code command}'s class.
   *
   * @param <R> the response type
   * @param command a command instance; not null
   * @return the generated spec of its class, never null
   */
  @SuppressWarnings("unchecked")
  public static <R> CommandSpec<Request<R>, R> forCommand(Request<R> command) {
    return (CommandSpec<Request<R>, R>) SPECS.get(command.getClass());
  }

  /**
   * Returns the name of the class the processor generates for {@code type} with {@code suffix}.
   *
   * @param type the annotated class, possibly nested
   * @param suffix the generated class's suffix, such as {@code _AmpSerializer} or {@code
   *     _AmpLocator}
   * @return the generated class's binary name: same package, nested names joined by {@code _}, then
   *     {@code suffix}
   */
  public static String generatedName(Class<?> type, String suffix) {
    String pkg = type.getPackageName();
    String binary = type.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
    return (pkg.isEmpty() ? "" : pkg + ".") + binary.replace('$', '_') + suffix;
  }

  private static CommandSpec<?, ?> load(Class<?> type) {
    String name = generatedName(type, "_AmpSerializer");
    try {
      Class<?> generated = Class.forName(name, true, type.getClassLoader());
      Field instance = generated.getField("INSTANCE");
      if (!Modifier.isStatic(instance.getModifiers())) {
        throw new AmpException(name + ".INSTANCE is not static");
      }
      return (CommandSpec<?, ?>) instance.get(null);
    } catch (ClassNotFoundException e) {
      throw new AmpException(
          "no generated spec for " + type.getName() + " (expected: " + name
              + "; is spindle-codegen on the annotation processor path and the class annotated"
              + " with @Command?)", e);
    } catch (ReflectiveOperationException e) {
      throw new AmpException("cannot read " + name + ".INSTANCE", e);
    }
  }
}
