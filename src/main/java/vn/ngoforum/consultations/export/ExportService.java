package vn.ngoforum.consultations.export;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.consultations.amendments.AmendmentService;
import vn.ngoforum.consultations.documents.ConsultationService;
import vn.ngoforum.consultations.statement.StatementService;
import vn.ngoforum.consultations.text.ClauseLabels;
import vn.ngoforum.documents.DocumentFormat;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.I18n;

/**
 * Builds the exports of a consultation for a moderator (the routes check the role; a consultation this person may
 * not read is a 404). Everything is read by key: the consultation and its text by {@code _id}, the statement by the
 * consultation's id, the adopted and all amendments by the ids their per-consultation counts document lists, the
 * comments by the ids their per-clause counts give, the signatories' cards by slug. Files are written on a worker
 * thread.
 */
public record ExportService(Vertx vertx, ConsultationService consultations, StatementService statements,
    AmendmentService amendments, OrganisationCards cards, I18n i18n) {

  /** An answer: the file's bytes, its content type, and the name to save it as. */
  public record Export(Buffer body, String contentType, String filename) {
  }

  /** The joint submission as Word or PDF in {@code lang}; 409 while there is no statement to submit. */
  public Future<Export> submission(CurrentUser moderator, String id, DocumentFormat format, String lang) {
    return consultations.read(moderator, id).compose(reading -> statements.read(moderator, id)
        .compose(written -> {
          if (written.statement() == null) {
            throw ForumException.conflict("There is no joint statement to export yet.")
                .withMessageKey("consultations.export.noStatement");
          }
          JsonObject statement = StatementService.json(written.statement());
          List<String> slugs = statement.getJsonArray("signatories").stream()
              .map(s -> ((JsonObject) s).getString("org")).toList();
          return cards.of(slugs).compose(found -> format.build(vertx,
              new Submission(reading, statement, written.adopted(), found, i18n, lang).document()));
        })
        .map(file -> new Export(file, format.contentType(),
            "consultation-" + id + "-" + lang + "." + format.extension())));
  }

  /** The secretariat's CSV of every comment and amendment ({@link SecretariatCsv}). */
  public Future<Export> csv(CurrentUser moderator, String id) {
    return consultations.read(moderator, id).compose(reading -> consultations.allComments(reading)
        .compose(comments -> amendments.all(id).compose(all -> vertx.executeBlocking(() -> Buffer.buffer(
            SecretariatCsv.of(comments, all, ClauseLabels.of(reading.parts(), i18n, I18n.VI))), false)))
        .map(file -> new Export(file, "text/csv; charset=utf-8", "consultation-" + id + "-comments.csv")));
  }
}
