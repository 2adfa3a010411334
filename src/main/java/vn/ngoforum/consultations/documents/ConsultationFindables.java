package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.ngoforum.consultations.text.Part;
import vn.ngoforum.search.Findable;
import vn.ngoforum.search.FindableSource;

/**
 * Consultations as the search index knows them, all of kind {@value #KIND}: the consultation itself (id: its id),
 * found by its bilingual title and summary and its authority, and each part of its current text (id:
 * {@code {consultation}:{part}}), found by its heading and wording, linking to the part's anchor. Drafts are not
 * findable (only moderators read them); a members-only consultation is in the {@link Findable#MEMBERS} scope, so
 * only those who may read it find it. Asking for any of a consultation's ids answers all its current entries: a
 * part a new version removed is not answered, so the index drops it ({@link ConsultationService} logs every part
 * of the text it replaces as changed).
 */
public final class ConsultationFindables {

  public static final String KIND = "consultation";

  private ConsultationFindables() {
  }

  /** The source of consultations and their parts, for the search index. */
  public static FindableSource source(ConsultationRepository store) {
    return FindableSource.of(KIND, ids -> store.findAll(consultationIds(ids)), store::each,
        found -> describe(store, found));
  }

  /** The index ids of a consultation and of the parts of a text of it: what a change of its text touches. */
  static List<String> ids(String consultation, List<Part> parts) {
    List<String> ids = new ArrayList<>();
    ids.add(consultation);
    collect(consultation, parts, ids);
    return ids;
  }

  private static void collect(String consultation, List<Part> parts, List<String> into) {
    for (Part part : parts) {
      into.add(consultation + ":" + part.id());
      collect(consultation, part.children(), into);
    }
  }

  private static Set<String> consultationIds(List<String> ids) {
    Set<String> consultations = new LinkedHashSet<>();
    ids.forEach(id -> consultations.add(id.contains(":") ? id.substring(0, id.indexOf(':')) : id));
    return consultations;
  }

  private static Future<List<Findable>> describe(ConsultationRepository store, List<Consultation> found) {
    List<Consultation> shown = found.stream().filter(c -> !Consultation.DRAFT.equals(c.status())).toList();
    if (shown.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return store.texts(shown.stream().map(Consultation::id).toList()).map(texts -> {
      Map<String, JsonObject> byId = new HashMap<>();
      texts.forEach(text -> byId.put(text.getString("_id"), text));
      List<Findable> entries = new ArrayList<>();
      for (Consultation consultation : shown) {
        JsonObject text = byId.get(consultation.id());
        if (text != null) {
          entries.add(entry(consultation));
          List<Part> parts = text.getJsonArray("structure", new JsonArray()).stream()
              .map(p -> Part.fromJson((JsonObject) p)).toList();
          parts(consultation, parts, entries);
        }
      }
      return entries;
    });
  }

  private static Findable entry(Consultation c) {
    JsonObject title = bilingual(c.title());
    JsonObject summary = bilingual(c.summary());
    String text = String.join("\n", summary.getString("vi"), summary.getString("en"),
        c.authority() == null ? "" : c.authority());
    return new Findable(KIND, c.id(), scope(c), String.join(" / ", title.getString("vi"), title.getString("en")),
        text, c.createdAt(), Map.of(), Map.of(), shown(c, "/consultations/" + c.id(), ""));
  }

  private static void parts(Consultation c, List<Part> parts, List<Findable> into) {
    for (Part part : parts) {
      String words = String.join("\n", part.title(), part.text()).strip();
      if (!words.isEmpty()) {
        into.add(new Findable(KIND, c.id() + ":" + part.id(), scope(c), "", words, c.createdAt(), Map.of(),
            Map.of(), shown(c, "/consultations/" + c.id() + "#clause-" + part.id(), part.number())));
      }
      parts(c, part.children(), into);
    }
  }

  private static Map<String, String> shown(Consultation c, String url, String number) {
    JsonObject title = bilingual(c.title());
    return Map.of("url", url, "title.vi", title.getString("vi"), "title.en", title.getString("en"),
        "number", number == null ? "" : number);
  }

  private static JsonObject bilingual(JsonObject value) {
    JsonObject given = value == null ? new JsonObject() : value;
    return new JsonObject().put("vi", given.getString("vi", "")).put("en", given.getString("en", ""));
  }

  private static String scope(Consultation c) {
    return c.membersOnly() ? Findable.MEMBERS : Findable.PUBLIC;
  }
}
