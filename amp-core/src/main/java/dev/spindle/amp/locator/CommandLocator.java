package dev.spindle.amp.locator;

import dev.spindle.transport.Blocking;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

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

  /**
   * Returns the responder for {@code commandName}, or null if there is none.
   *
   * @param commandName the command's name as received, decoded from UTF-8
   * @return the responder, or null to answer {@code UNHANDLED}
   */
  BoxResponder locateResponder(String commandName);

  /**
   * Returns a locator that asks this one first, then {@code next}.
   *
   * @param next asked for the commands this one does not answer; not null
   * @return a locator combining both
   */
  default CommandLocator orElse(CommandLocator next) {
    return name -> {
      BoxResponder r = locateResponder(name);
      return r != null ? r : next.locateResponder(name);
    };
  }

  /**
   * Returns the generated locator for {@code target}: an instance of {@code <Class>_AmpLocator}
   * built around it. Reflection is used once, here; dispatch is a generated {@code switch}.
   * Responders annotated {@link Blocking} (or all, if the class is) are returned as {@link
   * BlockingResponder}s.
   *
   * @param target the object whose class (or a superclass) has {@code @Responder} methods
   * @return the generated locator, wrapping {@code target}
   * @throws IllegalArgumentException if no locator was generated for {@code target}'s class or
   *     any of its superclasses, or if its responders take the connection (then the locator is
   *     built per connection: {@code .locatorFactory(c -> new X_AmpLocator(target,
   *     c).declaredBlocking(X.class))})
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
        return blocking(target.getClass(), (CommandLocator) ctor.newInstance(target));
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot build " + name + " for " + target, e);
      }
    }
    throw new IllegalArgumentException(
        "no generated locator for " + target.getClass().getName()
            + " (expected: a class with @Responder methods compiled with spindle-codegen)");
  }

  /**
   * This locator, with the responders that {@code type} (the class of its {@code @Responder}
   * methods) declares {@link Blocking} returned as {@link BlockingResponder}s. {@link #of} does
   * this itself; use it for a generated locator built by hand, such as one per connection:
   * {@code .locatorFactory(c -> new X_AmpLocator(target, c).declaredBlocking(X.class))}.
   *
   * @param type the class whose {@code @Responder} methods this locator was generated from
   * @return this locator if {@code type} declares nothing blocking, else a locator marking those
   *     responders
   */
  default CommandLocator declaredBlocking(Class<?> type) {
    return blocking(type, this);
  }

  /** {@code locator}, with the responders {@code type} declares {@link Blocking} marked so. */
  private static CommandLocator blocking(Class<?> type, CommandLocator locator) {
    boolean all = false;
    Set<String> names = new HashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      all |= c.isAnnotationPresent(Blocking.class);
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Blocking.class) && m.getParameterCount() >= 1) {
          names.add(commandName(m.getParameterTypes()[0], m));
        }
      }
    }
    if (!all && names.isEmpty()) {
      return locator;
    }
    boolean every = all;
    return name -> {
      BoxResponder r = locator.locateResponder(name);
      return r != null && (every || names.contains(name)) ? BlockingResponder.of(r) : r;
    };
  }

  /**
   * The wire name of the command class {@code type}, read from its generated spec ({@code
   * <Command>_AmpSerializer.INSTANCE.commandName()}) by reflection, as the locator itself is found.
   */
  private static String commandName(Class<?> type, Method responder) {
    String pkg = type.getPackageName();
    String binary = type.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
    String name = (pkg.isEmpty() ? "" : pkg + ".") + binary.replace('$', '_') + "_AmpSerializer";
    try {
      Object spec = Class.forName(name, true, type.getClassLoader()).getField("INSTANCE").get(null);
      // Through the public interface (the generated class's own package may not be open to us).
      return (String) Class.forName("dev.spindle.amp.command.CommandSpec").getMethod("commandName").invoke(spec);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("@Blocking " + responder + ": its parameter " + type.getName()
          + " is not a command with a generated spec (" + name + ")", e);
    }
  }
}
