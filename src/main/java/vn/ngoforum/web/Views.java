package vn.ngoforum.web;

import vn.ngoforum.db.Dates;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.ValueResolver;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side pages: Handlebars.java templates under {@code templates/} on the class path, one layout
 * ({@code layouts/main}) with partials, UI text from {@link I18n}.
 *
 * <p>The view model is {@code ctx.data()} (plain values, maps and JSON) plus what every page needs: the
 * language, the signed-in person, the CSRF token and the current path. Templates are read as UTF-8 and compiled
 * once. Helpers: {@code {{t "key" arg...}}} UI text, {@code {{l field}}} the current language's side of a
 * bilingual {@code {vi, en}} field, {@code {{datetime x}}} / {@code {{date x}}} a time in Asia/Ho_Chi_Minh,
 * {@code {{iso x}}} a machine-readable time for {@code <time datetime>}, {@code {{#eq a b}}...{{/eq}}} and
 * {@code {{join list}}}.
 */
public final class Views {

  /** Context key of the view model entry holding the page's language. */
  public static final String LANG = "lang";

  private final Handlebars handlebars;
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();
  private final ValueResolver[] resolvers;

  public Views(I18n i18n) {
    ClassPathTemplateLoader loader = new ClassPathTemplateLoader("/templates", ".hbs");
    loader.setCharset(StandardCharsets.UTF_8);
    this.handlebars = new Handlebars(loader).with(new ConcurrentMapTemplateCache());
    handlebars.registerHelper("t", (String key, Options options) ->
        i18n.text(lang(options), key, options.params));
    handlebars.registerHelper("l", (Object field, Options options) -> localised(field, lang(options)));
    handlebars.registerHelper("datetime", (Object value, Options options) ->
        value == null ? "" : i18n.dateTime(lang(options), instant(value)));
    handlebars.registerHelper("date", (Object value, Options options) ->
        value == null ? "" : i18n.date(lang(options), instant(value)));
    handlebars.registerHelper("iso", (Object value, Options options) ->
        value == null ? "" : instant(value).toString());
    handlebars.registerHelper("eq", (Object a, Options options) ->
        String.valueOf(a).equals(String.valueOf((Object) options.param(0, null))) ? options.fn() : options.inverse());
    handlebars.registerHelper("join", (Object items, Options options) -> items instanceof Iterable<?> list
        ? String.join(", ", java.util.stream.StreamSupport.stream(list.spliterator(), false)
            .map(String::valueOf).toList())
        : String.valueOf(items == null ? "" : items));
    List<ValueResolver> all = new ArrayList<>();
    all.add(JsonValueResolver.INSTANCE);
    all.addAll(ValueResolver.defaultValueResolvers());
    this.resolvers = all.toArray(new ValueResolver[0]);
  }

  /** Renders {@code view} (e.g. {@code "home/index"}) as this request's 200 answer. */
  public void render(RoutingContext ctx, String view) {
    render(ctx, view, 200);
  }

  /** Renders {@code view} with the given status; a rendering failure goes to the failure handler. */
  public void render(RoutingContext ctx, String view, int status) {
    Buffer html;
    try {
      html = renderPage(ctx, view);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    send(ctx, status, html);
  }

  /** Renders {@code view} for this request without answering, as the bytes to send (for a page cache). */
  public Buffer renderPage(RoutingContext ctx, String view) {
    return Buffer.buffer(renderToString(view, model(ctx)));
  }

  /** Answers with a page rendered by {@link #renderPage}. */
  public void send(RoutingContext ctx, int status, Buffer html) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(html);
  }

  /** Renders a template with an explicit model (used by the failure handler and tests). */
  public String renderToString(String view, Map<String, Object> model) {
    try {
      Template template = compiled.computeIfAbsent(view, this::compile);
      return template.apply(Context.newBuilder(model).resolver(resolvers).build());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render view " + view, e);
    }
  }

  /** Compiles every named view now, so that the first visitor does not pay for it and a typo fails start-up. */
  public void precompile(List<String> views) {
    views.forEach(view -> compiled.computeIfAbsent(view, this::compile));
  }

  private Template compile(String view) {
    try {
      return handlebars.compile(view);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot compile view " + view, e);
    }
  }

  /** The view model of this request: its context data and what every page has (language, path, next parameter). */
  public static Map<String, Object> model(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>(ctx.data());
    model.putIfAbsent(LANG, I18n.VI);
    model.put("path", ctx.request().path());
    model.put("pathAndQuery", ctx.request().uri());
    model.put("nextParam", LocalPath.asParameter(ctx.request().uri()));
    return model;
  }

  private static String lang(Options options) {
    Object lang = options.get(LANG);
    return I18n.supported(lang == null ? null : lang.toString());
  }

  /** The language's side of a bilingual field, falling back to the other language when it is empty. */
  static Object localised(Object field, String lang) {
    if (field instanceof JsonObject json) {
      String wanted = json.getString(lang);
      return wanted != null && !wanted.isBlank() ? wanted : json.getString(I18n.VI.equals(lang) ? I18n.EN : I18n.VI, "");
    }
    if (field instanceof Map<?, ?> map) {
      return localised(new JsonObject(new HashMap<>(castKeys(map))), lang);
    }
    return field == null ? "" : field;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castKeys(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /** A time in a view model: an instant, an ISO-8601 text, or a date as a repository read it (see db's Dates). */
  private static Instant instant(Object value) {
    return Dates.instant(value instanceof Map<?, ?> map ? new JsonObject(castKeys(map)) : value);
  }
}
