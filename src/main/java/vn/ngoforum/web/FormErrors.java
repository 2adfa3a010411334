package vn.ngoforum.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import vn.ngoforum.error.ForumException;

/**
 * Shows a failure on the page form that was sent, for every feature: the person gets the same page again with what
 * they typed and a message in their language, instead of an error page that loses their text.
 *
 * <p>What the message says is decided from the failure itself, never from its English text: its message key when it
 * has one ({@link ForumException#messageKey()}), else the feature's text for the field it is about
 * ({@code <feature>.error.<field>}, {@link ForumException#field()}), else the generic text for its status.
 */
public final class FormErrors {

  /** Failures a person fixes by changing what they sent, or by waiting (429). */
  private static final Set<Integer> FIXABLE = Set.of(400, 413, 415, 429);
  /** A refusal or clash is fixable on the form only when it is about one of its fields (e.g. "post as"). */
  private static final Set<Integer> FIXABLE_FIELD = Set.of(403, 409);
  /** The view-model key of the message the page shows at its form. */
  public static final String MODEL_KEY = "formError";
  private static final String CSRF_FIELD = "_csrf";

  private FormErrors() {
  }

  /**
   * Shows {@code failure} on the form, or hands it to the failure handler when the person cannot fix it there.
   *
   * @param feature        the feature whose texts name the fields ({@code forum}: {@code forum.error.title})
   * @param fieldsWithText the form's fields that have a text of their own
   * @param showPage       renders the page again with the given status (the view model has the message and, as
   *                       {@code draft<Field>}, what was typed in each field)
   */
  public static void show(RoutingContext ctx, Throwable failure, String feature, Collection<String> fieldsWithText,
      IntConsumer showPage) {
    if (!(failure instanceof ForumException problem) || !(FIXABLE.contains(problem.status())
        || (FIXABLE_FIELD.contains(problem.status()) && problem.field() != null))) {
      ctx.fail(failure);
      return;
    }
    ctx.put(MODEL_KEY, messageKey(problem, feature, fieldsWithText));
    if (problem.retryAfterSeconds() != null) {
      ctx.response().putHeader("Retry-After", problem.retryAfterSeconds().toString());
    }
    ctx.request().formAttributes().names().stream()
        .filter(name -> !name.equals(CSRF_FIELD) && !name.isEmpty())
        .forEach(name -> ctx.put("draft" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1),
            ctx.request().getFormAttribute(name)));
    showPage.accept(problem.status());
  }

  /** The UI text for a failure shown at a form of {@code feature}. */
  static String messageKey(ForumException problem, String feature, Collection<String> fieldsWithText) {
    if (problem.messageKey() != null) {
      return problem.messageKey();
    }
    if (problem.field() != null && fieldsWithText.contains(problem.field())) {
      return feature + ".error." + problem.field();
    }
    return "errors.text." + problem.status();
  }
}
