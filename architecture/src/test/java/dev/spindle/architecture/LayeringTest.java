package dev.spindle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering of the library modules, checked on their main classes: each layer depends only on
 * the layers listed before it, exceptions are a leaf, cred knows no transport, and no two packages
 * depend on each other. A new arrow back up fails here, in CI, with the offending classes named.
 */
class LayeringTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.spindle");

  /**
   * AMP, lowest first. The dispatcher calls its locator, as Twisted's {@code BoxDispatcher} calls
   * its {@code locator}, so {@code locator} sits below {@code dispatch}. {@code runtime} is what
   * generated code calls; the connection ({@code dev.spindle.amp} and its Netty glue {@code
   * internal}) uses every layer; {@code auth} (module amp-auth) is on top.
   */
  private static final List<List<String>> AMP_LAYERS =
      List.of(
          List.of("dev.spindle.amp.internal.repr", "dev.spindle.amp.internal.log"),
          List.of("dev.spindle.amp.exceptions"),
          List.of("dev.spindle.amp.box"),
          List.of("dev.spindle.amp.codec"),
          List.of("dev.spindle.amp.locator"),
          List.of("dev.spindle.amp.dispatch"),
          List.of("dev.spindle.amp.command"),
          List.of("dev.spindle.amp.runtime"),
          List.of("dev.spindle.amp", "dev.spindle.amp.internal"),
          List.of("dev.spindle.amp.auth"));

  /**
   * PB, lowest first. The flavors reach the broker only through their service-provider interface
   * ({@code flavors.internal}, Twisted's {@code jellier.invoker}), which the broker implements, so
   * {@code flavors} sits below {@code broker} (in Twisted too, {@code pb} imports {@code flavors},
   * not the other way). {@code util} (paging) and {@code typed} (what generated stubs call) are on
   * top of the connection; generated skeletons reach the broker through {@code
   * flavors.Skeleton}.
   */
  private static final List<List<String>> PB_LAYERS =
      List.of(
          List.of("dev.spindle.pb.exceptions"),
          List.of("dev.spindle.pb.banana"),
          List.of("dev.spindle.pb.jelly"),
          List.of("dev.spindle.pb.flavors.internal"),
          List.of("dev.spindle.pb.flavors"),
          List.of("dev.spindle.pb.broker"),
          List.of("dev.spindle.pb.login"),
          List.of("dev.spindle.pb"),
          List.of("dev.spindle.pb.util", "dev.spindle.pb.typed"));

  @Test
  void everyLayerDependsOnlyOnTheLayersBelowIt() {
    checkLayers(AMP_LAYERS);
    checkLayers(PB_LAYERS);
  }

  @Test
  void everyLayerHasClasses() {
    // A renamed package must be renamed here too, or the rules above would check nothing.
    for (List<List<String>> stack : List.of(AMP_LAYERS, PB_LAYERS)) {
      for (List<String> layer : stack) {
        for (String pkg : layer) {
          assertTrue(CLASSES.containPackage(pkg), pkg + ": no classes (renamed or moved?)");
        }
      }
    }
  }

  @Test
  void exceptionsAreALeaf() {
    classes()
        .that()
        .resideInAPackage("dev.spindle.amp.exceptions")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.spindle.amp.exceptions", "dev.spindle.amp.internal.repr")
        .because("AMP's exceptions are thrown by every layer and import none of them")
        .check(CLASSES);
    classes()
        .that()
        .resideInAPackage("dev.spindle.pb.exceptions")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.spindle.pb.exceptions")
        .because("PB's exceptions are thrown by every layer and import none of them")
        .check(CLASSES);
  }

  @Test
  void credKnowsNoTransportAndNoProtocol() {
    noClasses()
        .that()
        .resideInAPackage("dev.spindle.cred..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..", "dev.spindle.amp..", "dev.spindle.pb..", "dev.spindle.transport..")
        .because("cred is Twisted's cred without a transport; AMP and PB plug into it")
        .check(CLASSES);
  }

  @Test
  void theTwoProtocolsDoNotSeeEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.spindle.amp..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.spindle.pb..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("dev.spindle.pb..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.spindle.amp..")
        .check(CLASSES);
  }

  @Test
  void theTransportSeesNeitherProtocol() {
    noClasses()
        .that()
        .resideInAPackage("dev.spindle.transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.spindle.amp..", "dev.spindle.pb..", "dev.spindle.cred..")
        .because("AMP and PB sit on the transport; it calls them back through its own types")
        .check(CLASSES);
  }

  @Test
  void theMetricsAndTracingModulesSeeOnlyTheTransport() {
    for (String pkg : List.of("dev.spindle.micrometer", "dev.spindle.opentelemetry")) {
      assertTrue(CLASSES.containPackage(pkg), pkg + ": no classes (renamed or moved?)");
      noClasses()
          .that()
          .resideInAPackage(pkg + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.spindle.amp..", "dev.spindle.pb..", "dev.spindle.cred..",
              "dev.spindle.transport.internal..", "io.netty..")
          .because("they plug into AMP and PB alike through the transport's interceptors and listener")
          .check(CLASSES);
    }
  }

  @Test
  void noPackageCycles() {
    slices()
        .matching("dev.spindle.(**)")
        .should()
        .beFreeOfCycles()
        // The transport module's API (dev.spindle.transport) and its implementation
        // (transport.internal, exported only to amp-core and pb-jelly) are one layer, as grpc's
        // io.grpc and io.grpc.internal: the implementation takes the API's options and policies.
        .ignoreDependency(
            JavaClass.Predicates.resideInAPackage("dev.spindle.transport.internal"),
            JavaClass.Predicates.resideInAPackage("dev.spindle.transport"))
        .because("a package cycle means two layers that cannot be told apart")
        .check(CLASSES);
  }

  /** Each layer of {@code stack} (lowest first) must not depend on any layer after it. */
  private static void checkLayers(List<List<String>> stack) {
    for (int i = 0; i < stack.size() - 1; i++) {
      String[] higher =
          stack.subList(i + 1, stack.size()).stream()
              .flatMap(List::stream)
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAnyPackage(stack.get(i).toArray(String[]::new))
          .should()
          .dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(higher))
          .because(stack.get(i) + " is below " + Arrays.toString(higher))
          .check(CLASSES);
    }
  }
}
