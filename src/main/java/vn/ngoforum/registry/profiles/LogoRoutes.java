package vn.ngoforum.registry.profiles;

import static vn.ngoforum.registry.organisations.RegistryRequests.slug;
import static vn.ngoforum.registry.organisations.RegistryRequests.user;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Set;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.profiles.ProfilePage.Form;
import vn.ngoforum.web.JsonResponses;

/**
 * Organisations' logos: uploaded by an admin (the API takes the image's bytes, the profile page a multipart form),
 * served to everyone at a versioned address.
 *
 * <pre>
 *   PUT  /api/v1/orgs/{slug}/logo   org admin: PNG or JPEG bytes → {logo}   curl -T logo.png -H 'Content-Type: image/png' -H "Authorization: Bearer $T" localhost:8080/api/v1/orgs/svw/logo
 *   GET  /orgs/{slug}/logo.png      the logo (versioned address, cached)   curl -O 'localhost:8080/orgs/svw/logo.png?v=1764393000000'
 *   POST /orgs/{slug}/logo          org admin: the page's multipart form, file field "logo"
 * </pre>
 */
public record LogoRoutes(LogoService logos, ProfilePage page) {

  /** Where the profile's logo form posts (a multipart form; see {@link #logoFormBody(String)}). */
  public static final String LOGO_FORM_PATH = "/orgs/:slug/logo";
  /** An image of up to 1 MB, as the API takes, plus the form's few fields. */
  static final long LOGO_FORM_LIMIT_BYTES = 1024 * 1024 + 16 * 1024;
  private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg");

  /**
   * The body handler of the logo form ({@value #LOGO_FORM_PATH}), mounted by the router before the shared one,
   * which keeps file uploads off everywhere else: this one route takes a {@code multipart/form-data} file (to a
   * temporary file, deleted when the request ends), so an admin can upload a logo without JavaScript. The shared
   * body handler then sees a request it has already handled and passes it on.
   */
  public static BodyHandler logoFormBody(String uploadDir) {
    return BodyHandler.create(uploadDir)
        .setBodyLimit(LOGO_FORM_LIMIT_BYTES)
        .setDeleteUploadedFilesOnEnd(true);
  }

  public void mount(Router router) {
    router.put("/api/v1/orgs/:slug/logo").handler(Access.signedIn()).handler(this::replace);
    router.get("/orgs/:slug/logo.png").handler(this::logo);
    router.post(LOGO_FORM_PATH).handler(Access.signedIn()).handler(this::replaceForm);
  }

  private void replace(RoutingContext ctx) {
    String slug = slug(ctx);
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!IMAGE_TYPES.contains(mediaType)) {
      ctx.fail(new ForumException(415, "unsupported_media_type", "Send the logo as image/png or image/jpeg."));
      return;
    }
    if (ctx.body() == null || ctx.body().length() == 0) {
      ctx.fail(ForumException.invalid("The request carries no image."));
      return;
    }
    logos.replace(slug, user(ctx), ctx.body().buffer())
        .onSuccess(path -> JsonResponses.ok(ctx, new JsonObject().put("logo", path)))
        .onFailure(ctx::fail);
  }

  private void logo(RoutingContext ctx) {
    logos.logo(slug(ctx))
        .onSuccess(png -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "image/png")
            // The address carries the version: a new logo gets a new address.
            .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
            .end(Buffer.buffer(png)))
        .onFailure(ctx::fail);
  }

  /** The no-JavaScript logo upload: a multipart form with one file field, {@code logo}. */
  private void replaceForm(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser user = user(ctx);
    FileUpload file = ctx.fileUploads().stream().filter(upload -> Logos.FIELD.equals(upload.name())).findFirst()
        .orElse(null);
    Future<Buffer> image = file == null || file.size() == 0
        ? Future.failedFuture(ForumException.invalid(Logos.FIELD, "Choose a PNG or JPEG image for 'logo'."))
        : ctx.vertx().fileSystem().readFile(file.uploadedFileName());
    image.compose(bytes -> logos.replace(slug, user, bytes))
        .onSuccess(path -> ctx.redirect("/orgs/" + slug + "?done=logo#logo-title"))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.LOGO, failure));
  }
}
