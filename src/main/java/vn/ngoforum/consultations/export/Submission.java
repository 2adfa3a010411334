package vn.ngoforum.consultations.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.ngoforum.consultations.amendments.Amendment;
import vn.ngoforum.consultations.documents.ConsultationService;
import vn.ngoforum.consultations.text.ClauseLabels;
import vn.ngoforum.consultations.text.Part;
import vn.ngoforum.documents.Document;
import vn.ngoforum.documents.Document.Text;
import vn.ngoforum.web.I18n;

/**
 * The joint submission as a {@link Document}, in one language: the consultation's title and authority, the
 * statement's introduction (the recommendations), each adopted amendment under the clause it changes (the draft's
 * wording, the proposed wording, the justification, the organisations that endorse it and how many members support
 * it), the organisations endorsing the amendments, the conclusion, and the signatories as a table with their
 * province, verification badge and date. In English, the clauses are quoted in the English wording where the
 * version has an English text, in Vietnamese otherwise, and the document says which.
 *
 * @param statement  {@code {intro:{vi,en}, conclusion:{vi,en}, signatories:[{org, name:{vi,en}, verified, at}]}}
 * @param cards      the signatories' registry cards by slug ({@link OrganisationCards})
 */
record Submission(ConsultationService.Reading reading, JsonObject statement, List<Amendment> adopted,
    Map<String, JsonObject> cards, I18n i18n, String lang) {

  Document document() {
    Document doc = Document.titled(local(reading.consultation().title()))
        .subtitle(text("subtitle", reading.consultation().authority()));
    Instant deadline = reading.consultation().deadline();
    if (deadline != null) {
      doc.paragraph(text("deadline", i18n.date(lang, deadline)));
    }
    paragraphs(doc, local(reading.consultation().summary()));
    doc.heading(1, text("recommendations"));
    paragraphs(doc, local(statement.getJsonObject("intro")));
    amendments(doc);
    doc.heading(1, text("conclusion"));
    paragraphs(doc, local(statement.getJsonObject("conclusion")));
    signatories(doc);
    return doc;
  }

  private void amendments(Document doc) {
    doc.heading(1, text("amendments"));
    if (adopted.isEmpty()) {
      doc.paragraph(text("noAmendments"));
      return;
    }
    boolean english = I18n.EN.equals(lang);
    if (english) {
      doc.paragraph(text(reading.bilingual() ? "englishWording" : "noEnglishText"));
    }
    Map<String, String> labels = ClauseLabels.of(reading.parts(), i18n, lang);
    Map<String, String> endorsing = new LinkedHashMap<>();
    int n = 1;
    for (Amendment a : adopted) {
      Part part = reading.part(a.clause());
      Part englishPart = english ? englishWording(a, part) : null;
      String label = capitalised(labels.getOrDefault(a.clause(), a.clause()));
      Part titled = englishPart != null ? englishPart : part;
      String title = titled != null && !titled.title().isBlank() ? ". " + titled.title() : "";
      doc.heading(2, n++ + ". " + label + title);
      doc.paragraph(Text.bold(text(Amendment.INSERT_AFTER.equals(a.kind()) ? "after" : "current")));
      doc.quote(englishPart != null ? englishPart.text() : a.current());
      if (english && englishPart == null && reading.bilingual()) {
        doc.paragraph(text("vietnameseWording"));
      }
      doc.paragraph(Text.bold(text("proposed." + a.kind())));
      if (!Amendment.DELETE.equals(a.kind())) {
        doc.quote(a.text());
      }
      doc.paragraph(Text.bold(text("justification") + " "), Text.plain(a.justification()));
      List<String> names = new ArrayList<>();
      for (Object e : a.endorsements()) {
        JsonObject endorsement = (JsonObject) e;
        String name = local(endorsement.getJsonObject("name"));
        names.add(name);
        endorsing.putIfAbsent(endorsement.getString("org"), name);
      }
      if (!names.isEmpty()) {
        doc.paragraph(Text.bold(text("endorsedBy") + " "), Text.plain(String.join("; ", names)));
      }
      doc.paragraph(text("supporters", a.supports()));
    }
    if (!endorsing.isEmpty()) {
      doc.heading(1, text("supporting"));
      doc.list(false, new ArrayList<>(endorsing.values()));
    }
  }

  /**
   * The English part of the amendment's clause, when the version read has one and the amendment quotes that
   * version's wording (an amendment made on an earlier version quotes the Vietnamese wording it was made on);
   * else {@code null}.
   */
  private Part englishWording(Amendment a, Part part) {
    Part en = reading.englishPart(a.clause());
    return en != null && part != null && part.text().equals(a.current()) ? en : null;
  }

  private void signatories(Document doc) {
    doc.heading(1, text("signatories"));
    JsonArray signatories = statement.getJsonArray("signatories", new JsonArray());
    if (signatories.isEmpty()) {
      doc.paragraph(text("noSignatories"));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    int n = 1;
    for (Object s : signatories) {
      JsonObject signatory = (JsonObject) s;
      JsonObject card = cards.getOrDefault(signatory.getString("org"), new JsonObject());
      String signedAt = signatory.getString("at");
      rows.add(List.of(Integer.toString(n++), local(signatory.getJsonObject("name")),
          local(card.getJsonObject("province")),
          signatory.getBoolean("verified", false) ? text("verified") : "",
          signedAt == null ? "" : i18n.date(lang, Instant.parse(signedAt))));
    }
    doc.table(List.of(text("column.number"), text("column.organisation"), text("column.province"),
        text("column.badge"), text("column.signed")), rows);
  }

  /** Each paragraph of a text (blank lines between them) as a paragraph of the document. */
  private static void paragraphs(Document doc, String text) {
    for (String paragraph : text.split("\\R\\s*\\R")) {
      doc.paragraph(paragraph.strip());
    }
  }

  /** The field in the document's language, else in the other one (a text written in one language only). */
  private String local(JsonObject bilingual) {
    if (bilingual == null) {
      return "";
    }
    String value = bilingual.getString(lang, "");
    return value.isBlank() ? bilingual.getString(I18n.VI.equals(lang) ? I18n.EN : I18n.VI, "") : value;
  }

  private String text(String key, Object... args) {
    return i18n.text(lang, "consultations.export." + key, args);
  }

  private String capitalised(String label) {
    return label.isEmpty() ? label : label.substring(0, 1).toUpperCase(Locale.forLanguageTag(lang))
        + label.substring(1);
  }
}
