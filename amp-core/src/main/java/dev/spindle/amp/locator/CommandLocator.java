package dev.spindle.amp.locator;

import java.lang.reflect.Constructor;

/**
 * Finds the responder for a command name: the responder side of a connection.
 *
 * <p>Implemented by the {@code <Class>_AmpLocator} classes that {@code spindle-codegen} generates
 * from {@link dev.spindle.amp.command.Responder}-annotated methods, or by hand for box-level
 * responders (Twisted's low-level {@code amp_COMMAND} methods). Called on the event loop.
 * Twisted equivalent: {@code IResponderLocator}.
 */
@FunctionalInterface
public interface CommandLocator {
  /** A locator that has no responders: every command is {@code UNHANDLED}. */
  CommandLocator NONE = name -> null;

  /** Returns the responder for {@code commandName}, or null if there is none. */
  BoxResponder locateResponder(String commandName);

  /** Returns a locator that asks this one first, then {@code next}. */
  default CommandLocator orElse(CommandLocator next) {
    return name -> {
      BoxResponder r = locateResponder(name);
      return r != null ? r : next.locateResponder(name);
    };
  }

  /**
   * Returns the generated locator for {@code target}: an instance of {@code <Class>_AmpLocator}
   * built around it. Reflection is used once, here; dispatch is a generated {@code switch}.
   *
   * @throws IllegalArgumentException if no locator was generated for {@code target}'s class or
   *     any of its superclasses, or if its responders take the connection (then the locator is
   *     built per connection: {@code .locatorFactory(c -> new X_AmpLocator(target, c))})
   */
  static CommandLocator of(Object target) {
    for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      String pkg = c.getPackageName();
      String binary = c.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
      String name = (pkg.isEmpty() ? "" : pkg + ".") + binary.replace('$', '_') + "_AmpLocator";
      Class<?> generated;
      try {
        generated = Class.forName(name, true, c.getClassLoader());
      } catch (ClassNotFoundException e) {
        continue;
      }
      Constructor<?> ctor;
      try {
        ctor = generated.getConstructor(c);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(name + " is built per connection (a @Responder of "
            + c.getName() + " takes the AmpConnection): use the builder's"
            + " .locatorFactory(c -> new " + generated.getSimpleName() + "(target, c))", e);
      }
      try {
        return (CommandLocator) ctor.newInstance(target);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot build " + name + " for " + target, e);
      }
    }
    throw new IllegalArgumentException(
        "no generated locator for " + target.getClass().getName()
            + " (expected: a class with @Responder methods compiled with spindle-codegen)");
  }
}
