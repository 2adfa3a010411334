package vn.ngoforum;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoGridFsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The forum's structure, stated as rules the build checks, so that a newcomer learns them from a failing build:
 *
 * <pre>
 *   vn.ngoforum (Main, MainVerticle, HttpVerticle)   the composition root: builds each feature's module, mounts it
 *   forum  qa  registry  consultations  home  signin  the features; they meet only through ports
 *   realtime  audit  search  notify                   live addresses and the bridge; the audit log; search;
 *                                                     telling people what concerns them (a port)
 *   auth   web                                        who is asking; HTTP plumbing (views, JSON, failures, limits)
 *   ops                                               metrics and health checks on the management listener
 *   documents                                         Word and PDF files from a plain document model
 *   db  config  error  text  logging  cluster         the ground floor
 * </pre>
 */
class ArchitectureTest {

  static final String ROOT = "vn.ngoforum";
  static final List<String> FEATURES = List.of("forum", "qa", "registry", "consultations", "home",
      "signin");
  /** Packages that know no feature: what every feature stands on. */
  static final String[] CORE = {ROOT + ".web..", ROOT + ".auth..", ROOT + ".realtime..", ROOT + ".db..",
      ROOT + ".config..", ROOT + ".error..", ROOT + ".text..", ROOT + ".logging..", ROOT + ".cluster..",
      ROOT + ".audit..", ROOT + ".search..", ROOT + ".ops..", ROOT + ".notify..",
      ROOT + ".documents.."};

  /**
   * Packages whose MongoDB access is all in repositories (and {@code db}): the rules below hold for these. A
   * feature joins the list once its services, routes and views no longer build queries or read documents' shapes.
   */
  static final List<String> REPOSITORIES_OWN_DOCUMENTS = List.of("web", "auth", "realtime", "audit", "signin",
      "home", "qa", "registry", "consultations", "forum", "config", "error", "text", "logging", "cluster", "search",
      "ops", "notify", "documents");

  private static JavaClasses classes;

  @BeforeAll
  static void read() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  @DisplayName("no package depends on itself through others (no cycles between the forum's packages)")
  void noCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  @DisplayName("the forum's rooms (categories, threads, moderation, ...) depend on each other one way only")
  void noCyclesInTheForum() {
    slices().matching(ROOT + ".forum.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  @DisplayName("the core (web, auth, realtime, db, config, error, ...) knows no feature and not the composition root")
  void coreKnowsNoFeature() {
    String[] features = FEATURES.stream().map(feature -> ROOT + "." + feature + "..").toArray(String[]::new);
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat(resideInAnyPackage(features).or(resideInAPackage(ROOT)))
        .because("features stand on the core, and the composition root wires everything (see HttpVerticle)")
        .check(classes);
  }

  @Test
  @DisplayName("auth, realtime, db, config and error need no web code")
  void belowTheWeb() {
    noClasses().that().resideInAnyPackage(ROOT + ".auth..", ROOT + ".realtime..", ROOT + ".db..",
            ROOT + ".config..", ROOT + ".error..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".web..")
        .because("failures are error.ForumException; web only renders them")
        .check(classes);
  }

  @Test
  @DisplayName("only repositories (and db) talk to MongoDB: nothing else calls the Mongo client")
  void onlyRepositoriesTalkToMongo() {
    String[] packages = REPOSITORIES_OWN_DOCUMENTS.stream().map(name -> ROOT + "." + name + "..")
        .toArray(String[]::new);
    noClasses().that().resideInAnyPackage(packages).and().haveSimpleNameNotEndingWith("Repository")
        .should().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
            JavaClass.Predicates.assignableTo(MongoClient.class))))
        .orShould().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
            JavaClass.Predicates.assignableTo(MongoGridFsClient.class))))
        .because("a repository owns its collection's queries and documents; services ask it by meaning")
        .check(classes);
  }

  @Test
  @DisplayName("no MongoDB operator ($set, $inc, $date, ...) is written outside repositories and db")
  void operatorsStayInRepositories() throws IOException {
    Pattern operator = Pattern.compile("\"\\$[a-zA-Z]+");
    List<String> found = new ArrayList<>();
    for (String name : REPOSITORIES_OWN_DOCUMENTS) {
      Path dir = Path.of("src/main/java/vn/ngoforum", name);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")
            && !f.getFileName().toString().endsWith("Repository.java")).toList()) {
          String code = withoutComments(Files.readString(file));
          Matcher matcher = operator.matcher(code);
          while (matcher.find()) {
            found.add(file + ": " + matcher.group());
          }
        }
      }
    }
    assertEquals(List.of(), found, "MongoDB operators belong in repositories (db's Dates for dates)");
  }

  /**
   * Java source without its comments (block and line), so that a Javadoc example is not code; string and character
   * literals are kept whole ({@code "/static/*"} opens no comment).
   */
  static String withoutComments(String source) {
    StringBuilder code = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '/' && source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
      } else if (c == '/' && source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < source.length() && source.charAt(end) != c) {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        code.append(source, i, Math.min(end + 1, source.length()));
        i = end + 1;
      } else {
        code.append(c);
        i++;
      }
    }
    return code.toString();
  }

  @Test
  @DisplayName("a feature reaches another feature only through its ports: interfaces in that feature's own package")
  void featuresMeetThroughPorts() {
    for (String from : FEATURES) {
      for (String to : FEATURES) {
        if (from.equals(to)) {
          continue;
        }
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + from + "..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "." + to + "..")
                .and(not(INTERFACES.and(resideInAPackage(ROOT + "." + to)))))
            .because("features are built and wired by the composition root; they ask each other through ports"
                + " (e.g. forum.ForumThreads, qa.OrganisationQuestions)");
        rule.check(classes);
      }
    }
  }

  /**
   * Routes, pages and services that only hold the collaborators they were built with are records (the record header
   * says what they need, without a constructor copying each one into a field). A record's components have public
   * accessors, though, and a service's collaborators are its own business: a caller that asked {@code flags.threads()}
   * would reach around the service (as {@code ThreadService.notifier()} once did). So no class but the record itself
   * reads a component that is a collaborator (see {@link #isCollaborator}).
   */
  @Test
  @DisplayName("a record that holds collaborators (a service, routes, a page) keeps them: no other class calls their"
      + " accessors")
  void collaboratorsStayInTheirRecord() {
    List<String> found = new ArrayList<>();
    for (JavaClass holder : classes) {
      if (!holder.isRecord()) {
        continue;
      }
      for (RecordComponent component : holder.reflect().getRecordComponents()) {
        if (!isCollaborator(component.getType())) {
          continue;
        }
        holder.getMethod(component.getName()).getAccessesToSelf().stream()
            .filter(access -> !access.getOriginOwner().equals(holder))
            .forEach(access -> found.add(access.getDescription()));
      }
    }
    assertEquals(List.of(), found, "ask the record for what it does, not for the collaborators it holds");
  }

  /**
   * A collaborator, as opposed to data: Vert.x, the Mongo client (a repository that is a record keeps it to itself),
   * or a class or interface of ours that is not an enum and not a record of data (a record is a collaborator when it
   * holds one, like a service that is a record).
   */
  static boolean isCollaborator(Class<?> type) {
    if (type == io.vertx.core.Vertx.class || type == MongoClient.class || type == MongoGridFsClient.class) {
      return true;
    }
    if (!type.getName().startsWith(ROOT + ".") || type.isEnum()) {
      return false;
    }
    return !type.isRecord() || Stream.of(type.getRecordComponents())
        .anyMatch(component -> component.getType() != type && isCollaborator(component.getType()));
  }
}
