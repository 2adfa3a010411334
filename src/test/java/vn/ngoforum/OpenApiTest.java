package vn.ngoforum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.auth.Oidc;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.db.EmbeddedMongo;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestServers;

/**
 * The API description served at {@code /api/v1/openapi.yaml} is a valid OpenAPI document (checked by the
 * swagger-parser, reading the file only), describes every operation completely, and is true: its operations are
 * exactly the {@code /api/v1} routes of the forum's real router.
 */
@ExtendWith(VertxExtension.class)
class OpenApiTest {

  private static final Path DOCUMENT = Path.of("src/main/resources/openapi.yaml");
  private static final String API = "/api/v1";
  private static final Pattern ROUTE_PARAMETER = Pattern.compile(":([A-Za-z0-9_]+)");
  private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
      PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

  private static OpenAPI api;
  private static EmbeddedMongo store;

  @BeforeAll
  static void parse() throws IOException {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(DOCUMENT), null, options);
    assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(),
        "openapi.yaml must parse without a message");
    api = result.getOpenAPI();
  }

  @AfterAll
  static void stopStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  @DisplayName("openapi.yaml is a valid OpenAPI 3 document")
  void valid() {
    assertTrue(api.getOpenapi().startsWith("3."), api.getOpenapi());
    assertFalse(api.getPaths().isEmpty());
  }

  @Test
  @DisplayName("every operation has a unique operationId, tags, its security (empty for public calls) and its"
      + " error responses, each a JSON {error, message}")
  void operationsComplete() {
    Set<String> ids = new HashSet<>();
    Set<String> declaredTags = new HashSet<>();
    assertNotNull(api.getTags(), "no tags declared at the top");
    api.getTags().forEach(tag -> declaredTags.add(tag.getName()));
    List<String> problems = new ArrayList<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      String name = method + " " + path;
      if (operation.getOperationId() == null || operation.getOperationId().isBlank()) {
        problems.add(name + ": no operationId");
      } else if (!ids.add(operation.getOperationId())) {
        problems.add(name + ": operationId " + operation.getOperationId() + " used twice");
      }
      if (operation.getTags() == null || operation.getTags().isEmpty()) {
        problems.add(name + ": no tags");
      } else if (!declaredTags.containsAll(operation.getTags())) {
        problems.add(name + ": a tag not declared at the top: " + operation.getTags());
      }
      if (operation.getSecurity() == null) {
        problems.add(name + ": no security (write security: [] for a public call)");
      }
      problems.addAll(errorProblems(name, method, path, item, operation));
    }));
    assertEquals(List.of(), problems);
  }

  /** The error answers an operation must describe, by what it takes: each one JSON {@code {error, message}}. */
  private static List<String> errorProblems(String name, PathItem.HttpMethod method, String path, PathItem item,
      Operation operation) {
    List<String> problems = new ArrayList<>();
    Map<String, ApiResponse> responses = operation.getResponses();
    // "security: []" is a public call; a "{}" among the requirements is a call that anyone may make and that a
    // signed-in caller sees more of (members-only categories). Only the rest answer 401.
    boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty()
        && operation.getSecurity().stream().noneMatch(Map::isEmpty);
    boolean takesInput = operation.getRequestBody() != null
        || operation.getParameters() != null && operation.getParameters().stream()
            .anyMatch(parameter -> "query".equals(parameter.getIn()));
    List<String> expected = new ArrayList<>();
    if (secured) {
      expected.add("401");
    }
    if (secured && WRITES.contains(method)) {
      // A browser session's write without the CSRF header; a bearer token without the right role.
      expected.add("403");
    }
    if (path.contains("{")) {
      expected.add("404");
    }
    if (takesInput && WRITES.contains(method)) {
      expected.add("400");
    }
    for (String status : expected) {
      if (!responses.containsKey(status)) {
        problems.add(name + ": no " + status + " response");
      }
    }
    if (responses.keySet().stream().noneMatch(status -> status.startsWith("4") || status.startsWith("5"))) {
      problems.add(name + ": no error response at all");
    }
    responses.forEach((status, response) -> {
      if (status.startsWith("4") || status.startsWith("5")) {
        ApiResponse answer = resolve(response);
        MediaType json = answer.getContent() == null ? null : answer.getContent().get("application/json");
        if (json == null || !isError(json.getSchema())) {
          problems.add(name + ": its " + status + " answer is not the JSON Error");
        }
      }
    });
    return problems;
  }

  /** Whether {@code schema} is the Error, or an Error with more fields ({@code allOf} that starts from it). */
  private static boolean isError(Schema<?> schema) {
    if (schema == null) {
      return false;
    }
    if (schema.get$ref() != null) {
      return schema.get$ref().endsWith("/schemas/Error");
    }
    return schema.getAllOf() != null && !schema.getAllOf().isEmpty() && isError(schema.getAllOf().get(0));
  }

  /** The response itself, or the one of {@code components/responses} that it refers to. */
  private static ApiResponse resolve(ApiResponse response) {
    if (response.get$ref() == null) {
      return response;
    }
    String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
    ApiResponse shared = api.getComponents().getResponses().get(name);
    assertNotNull(shared, "no components/responses/" + name);
    return shared;
  }

  @Test
  @DisplayName("the document describes exactly the /api/v1 routes of the forum's router, and no other")
  void matchesTheRouter(Vertx vertx) {
    store = EmbeddedMongo.start(null, 0);
    AppConfig config = TestServers.config(Map.of(
        AppConfig.FORUM_HTTP_PORT, "0",
        AppConfig.MONGO_URI, store.uri("openapi-routes"),
        // Nothing listens there: routes are mounted whether Keycloak answers or not.
        AppConfig.KEYCLOAK_URL, "http://127.0.0.1:9"));
    // The search index is not started: this test reads the routes, it searches nothing.
    HttpVerticle http = new HttpVerticle(config, new Oidc(vertx, config), new Indexer(null, null, List.of()));
    ForumUnderTest.await(vertx.deployVerticle(http));

    Set<String> routed = new TreeSet<>();
    for (Route route : http.router().getRoutes()) {
      String path = route.getPath();
      if (path == null || !path.startsWith(API + "/") || route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      Matcher parameters = ROUTE_PARAMETER.matcher(path.substring(API.length()));
      String templated = parameters.replaceAll("{$1}");
      route.methods().forEach(method -> routed.add(method.name() + " " + templated));
    }
    Set<String> described = new TreeSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
        .forEach(method -> described.add(method.name() + " " + path)));

    Set<String> undocumented = new TreeSet<>(routed);
    undocumented.removeAll(described);
    Set<String> unrouted = new TreeSet<>(described);
    unrouted.removeAll(routed);
    assertEquals(Set.of(), undocumented, "routes the document does not describe");
    assertEquals(Set.of(), unrouted, "operations the router does not serve");
    assertTrue(routed.size() > 50, routed.toString());
  }
}
