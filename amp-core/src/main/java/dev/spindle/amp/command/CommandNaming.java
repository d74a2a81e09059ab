package dev.spindle.amp.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@link Naming} of wire keys for every {@link Command} of a package (not its subpackages),
 * unless a command sets its own with {@link Command#naming()}. Put it on {@code package-info.java}:
 *
 * <pre>{@code
 * @CommandNaming(Naming.SNAKE_CASE)
 * package com.example.protocol;
 *
 * import dev.spindle.amp.command.CommandNaming;
 * import dev.spindle.amp.command.Naming;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface CommandNaming {
  /**
   * The naming of the package's commands; {@link Naming#PACKAGE_DEFAULT} means as declared.
   *
   * @return the naming of wire keys for the package's commands
   */
  Naming value();
}
