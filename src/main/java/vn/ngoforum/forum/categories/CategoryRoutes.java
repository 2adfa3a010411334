package vn.ngoforum.forum.categories;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * Categories: the list, and the forum admins' management of them, as JSON and as a page with its forms.
 *
 * <pre>
 *   GET  /api/v1/categories          the categories in order      curl localhost:8080/api/v1/categories
 *   POST /api/v1/categories          admins: create one           curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"slug":"wetlands","name":{"vi":"Đất ngập nước","en":"Wetlands"},"position":6,"visibility":"public"}' localhost:8080/api/v1/categories
 *   PUT  /api/v1/categories/{slug}   admins: change one           curl -XPUT -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"position":0}' localhost:8080/api/v1/categories/wetlands
 *   GET  /admin/categories           admins: the management page (every category with its form, and a new one)
 *   POST /admin/categories           admins: the new-category form
 *   POST /admin/categories/{slug}    admins: a category's form
 * </pre>
 */
public record CategoryRoutes(CategoryService categories, Views views) {

  /** The fields of the category forms: each has its own error text ({@code forum.admin.error.<field>}). */
  private static final List<String> FORM_FIELDS = List.of("slug", "name", "description", "position", "visibility");
  private static final Set<String> VISIBILITIES = Set.of(Category.PUBLIC, Category.MEMBERS);

  public CategoryRoutes {
    views.precompile(List.of("forum/admin-categories"));
  }

  public void mount(Router router) {
    router.get("/api/v1/categories").handler(this::list);
    router.post("/api/v1/categories").handler(Access.role(Role.ADMIN)).handler(this::create);
    router.put("/api/v1/categories/:slug").handler(Access.role(Role.ADMIN)).handler(this::update);
    router.get("/admin/categories").handler(Access.role(Role.ADMIN)).handler(this::managementPage);
    router.post("/admin/categories").handler(Access.role(Role.ADMIN)).handler(this::createForm);
    router.post("/admin/categories/:slug").handler(Access.role(Role.ADMIN)).handler(this::updateForm);
  }

  private void list(RoutingContext ctx) {
    categories.categories()
        .onSuccess(list -> JsonResponses.ok(ctx, new JsonArray(list)))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    create(ctx, JsonInput.of(ctx))
        .onSuccess(category -> JsonResponses.created(ctx, category))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    update(ctx, JsonInput.of(ctx))
        .onSuccess(category -> JsonResponses.ok(ctx, category))
        .onFailure(ctx::fail);
  }

  private void managementPage(RoutingContext ctx) {
    showManagementPage(ctx, 200);
  }

  private void createForm(RoutingContext ctx) {
    saveForm(ctx, () -> create(ctx, JsonInput.of(categoryForm(ctx, true).encode())));
  }

  private void updateForm(RoutingContext ctx) {
    saveForm(ctx, () -> update(ctx, JsonInput.of(categoryForm(ctx, false).encode())));
  }

  /** Saves a form as the API would, then shows the category; a refusal shows the page again with the errors. */
  private void saveForm(RoutingContext ctx, Supplier<Future<JsonObject>> save) {
    Future.<Void>succeededFuture()
        .compose(v -> save.get())
        .onSuccess(category -> ctx.redirect("/admin/categories#category-" + category.getString("slug")))
        .onFailure(failure -> FormErrors.show(ctx, failure, "forum.admin", FORM_FIELDS,
            status -> showManagementPage(ctx, status)));
  }

  /** The same rules for the API and the form: the form is read as the JSON the API takes. */
  private Future<JsonObject> create(RoutingContext ctx, JsonInput input) {
    JsonInput in = input.allow("slug", "name", "description", "position", "visibility");
    String slug = in.requiredText("slug", 60);
    if (!Requests.SLUG.matcher(slug).matches()) {
      throw ForumException.invalid("slug", "'slug' must be 2-60 lower-case letters, digits and dashes.");
    }
    JsonObject name = in.bilingual("name", 200, true);
    JsonObject description = in.bilingual("description", 1000, false);
    Long position = in.optionalInteger("position", 0, 10_000);
    String visibility = in.choice("visibility", VISIBILITIES, Category.PUBLIC);
    return categories.create(Requests.user(ctx), slug, name, description,
        position == null ? 100 : position.intValue(), visibility);
  }

  private Future<JsonObject> update(RoutingContext ctx, JsonInput input) {
    JsonInput in = input.allow("name", "description", "position", "visibility");
    JsonObject name = in.bilingual("name", 200, false);
    JsonObject description = in.bilingual("description", 1000, false);
    Long position = in.optionalInteger("position", 0, 10_000);
    String visibility = in.has("visibility") ? in.choice("visibility", VISIBILITIES, null) : null;
    return categories.update(Requests.user(ctx), ctx.pathParam("slug"), name, description,
        position == null ? null : position.intValue(), visibility);
  }

  private void showManagementPage(RoutingContext ctx, int status) {
    categories.categories()
        .onSuccess(list -> {
          ctx.put("categories", list);
          views.render(ctx, "forum/admin-categories", status);
        })
        .onFailure(ctx::fail);
  }

  /** A category page form as the JSON the API takes (names and descriptions in two fields each). */
  private static JsonObject categoryForm(RoutingContext ctx, boolean create) {
    MultiMap form = ctx.request().formAttributes();
    JsonObject json = new JsonObject().put("visibility", form.get("visibility"));
    for (String field : List.of("name", "description")) {
      String vi = form.get(field + "Vi");
      String en = form.get(field + "En");
      if ((vi != null && !vi.isBlank()) || (en != null && !en.isBlank()) || (create && "name".equals(field))) {
        json.put(field, new JsonObject().put("vi", vi == null ? "" : vi).put("en", en == null ? "" : en));
      }
    }
    if (create) {
      json.put("slug", form.get("slug"));
    }
    String position = form.get("position");
    if (position != null && !position.isBlank()) {
      try {
        json.put("position", Long.parseLong(position.strip()));
      } catch (NumberFormatException e) {
        throw ForumException.invalid("position", "'position' must be a whole number.");
      }
    }
    return json;
  }
}
