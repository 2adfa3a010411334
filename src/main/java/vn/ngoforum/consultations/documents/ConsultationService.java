package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.consultations.recognition.Participation;
import vn.ngoforum.consultations.text.Alignment;
import vn.ngoforum.consultations.text.Changes;
import vn.ngoforum.consultations.text.Part;
import vn.ngoforum.consultations.text.SplitException;
import vn.ngoforum.consultations.text.Splitter;
import vn.ngoforum.error.ForumException;

/**
 * The rules of consultations: moderators create them from a pasted text (split into its parts, or refused with
 * the splitter's message and nothing stored), correct a draft's text until it splits right, open and close them,
 * and import the authority's revised drafts as new versions (earlier ones stay readable); who may read one (a draft:
 * moderators; a members-only one: those with member rights, by {@link Memberships}' one rule); members comment on a
 * clause of the current version while it is open. Opening, closing and a new version are logged for the search index
 * ({@code search}: see {@link ConsultationFindables}); a comment is recorded for its author's organisations
 * ({@code participation}).
 */
public record ConsultationService(ConsultationRepository store, Memberships memberships, ConsultationFeed feed,
    Participation participation, vn.ngoforum.search.Changes search, Clock clock) {

  /** Comments shown under a clause on the page (the newest ones); the count says how many there are. */
  static final int SHOWN_PER_CLAUSE = 50;
  /** Announcements answered to one catch-up request; a page that missed more reloads. */
  static final int CATCH_UP_LIMIT = 200;
  private static final String ID_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * What a moderator sends to open a consultation (before its text is split).
   *
   * @param textEn the English text of the same version, aligned clause by clause, or {@code null} for none
   */
  public record Draft(JsonObject title, JsonObject summary, String authority, Instant deadline, String visibility,
      String text, String textEn) {
  }

  /** A version's texts as a moderator gives them: the Vietnamese one and, optionally ({@code null}), the English. */
  public record Texts(String vi, String en) {
  }

  /**
   * A consultation as read: the record, its preamble and its parts, of version {@code version} of its text (the
   * authority's drafts counted from 1), {@code latest} being the current one; and that version's English text,
   * aligned with it part by part ({@code english} empty when the version has none).
   */
  public record Reading(Consultation consultation, String preamble, List<Part> parts, int version, int latest,
      String englishPreamble, List<Part> english) {

    public Reading {
      english = english == null ? List.of() : List.copyOf(english);
      englishPreamble = englishPreamble == null ? "" : englishPreamble;
    }

    /** A version without an English text. */
    public Reading(Consultation consultation, String preamble, List<Part> parts, int version, int latest) {
      this(consultation, preamble, parts, version, latest, "", List.of());
    }

    /** Whether this version has an English text. */
    public boolean bilingual() {
      return !english.isEmpty();
    }

    /** The English part with this id, or {@code null} (none, or no English text). */
    public Part englishPart(String id) {
      return find(english, id);
    }

    /** Whether this is the current text (comments and amendments are made on it). */
    public boolean current() {
      return version == latest;
    }

    /** DESIGN.md's shape: the summary fields, the preamble, and the structure with each part's comment count. */
    public JsonObject json() {
      return json(new JsonObject());
    }

    /** The same, each part also with its number of amendments ({@code amendmentCounts}: {clauseId: n}). */
    public JsonObject json(JsonObject amendmentCounts) {
      JsonArray structure = new JsonArray();
      parts.forEach(p -> structure.add(withCounts(p, amendmentCounts)));
      JsonObject json = consultation.json().put("version", version).put("latest", latest).put("preamble", preamble)
          .put("structure", structure);
      if (bilingual()) {
        JsonArray en = new JsonArray();
        english.forEach(p -> en.add(p.toJson()));
        json.put("english", new JsonObject().put("preamble", englishPreamble).put("structure", en));
      }
      return json;
    }

    private JsonObject withCounts(Part part, JsonObject amendmentCounts) {
      JsonObject json = part.toJson().put("comments", consultation.count(part.id()))
          .put("amendments", amendmentCounts.getInteger(part.id(), 0));
      JsonArray kids = new JsonArray();
      part.children().forEach(child -> kids.add(withCounts(child, amendmentCounts)));
      return json.put("children", kids);
    }

    /** The part with this id, or {@code null}. */
    public Part part(String id) {
      return find(parts, id);
    }

    private static Part find(List<Part> parts, String id) {
      for (Part part : parts) {
        Part found = part.id().equals(id) ? part : find(part.children(), id);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    /** Every part's id. */
    public Set<String> ids() {
      Set<String> ids = new HashSet<>();
      collect(parts, ids);
      return ids;
    }

    private static void collect(List<Part> parts, Set<String> into) {
      for (Part part : parts) {
        into.add(part.id());
        collect(part.children(), into);
      }
    }
  }

  /**
   * Splits the text (and the English one, when given) and stores the consultation as a draft; 400 naming
   * {@code text} when it cannot be split, {@code textEn} when the English text cannot be or does not align with
   * the Vietnamese one ({@link MisalignedText}); nothing is stored then.
   */
  public Future<Reading> create(CurrentUser moderator, Draft draft) {
    return splitBoth(new Texts(draft.text(), draft.textEn())).compose(split -> {
      Consultation consultation = new Consultation(newId(), draft.title(), draft.summary(), draft.authority(),
          draft.deadline(), draft.visibility(), Consultation.DRAFT, new JsonObject(), moderator.id(),
          clock.instant(), 0);
      return store.insert(consultation, split.preamble(), structure(split.vi()), draft.text(), split.englishJson())
          .map(v -> split.reading(consultation, 1, 1));
    });
  }

  /** A version's texts split: the Vietnamese one, and the English one aligned with it ({@code null}: none). */
  private record Splits(Splitter.Split vi, Splitter.Split en, String sourceEn) {

    String preamble() {
      return vi.preamble();
    }

    /** What {@code consultation_texts} keeps of the English text: {@code {preamble, structure, source}}. */
    JsonObject englishJson() {
      return en == null ? null : new JsonObject().put("preamble", en.preamble()).put("structure", structure(en))
          .put("source", sourceEn);
    }

    Reading reading(Consultation consultation, int version, int latest) {
      return new Reading(consultation, vi.preamble(), vi.parts(), version, latest,
          en == null ? "" : en.preamble(), en == null ? List.of() : en.parts());
    }
  }

  /**
   * Both texts split, and aligned: 400 naming {@code text} or {@code textEn} when one cannot be split, and a
   * {@link MisalignedText} naming the first parts of each that the other lacks.
   */
  private static Future<Splits> splitBoth(Texts texts) {
    return split(texts.vi(), "text").compose(vi -> {
      if (texts.en() == null || texts.en().isBlank()) {
        return Future.succeededFuture(new Splits(vi, null, null));
      }
      return split(texts.en(), "textEn").map(en -> {
        Alignment alignment = Alignment.of(vi.parts(), en.parts());
        if (!alignment.aligned()) {
          throw new MisalignedText(alignment);
        }
        return new Splits(vi, en, texts.en());
      });
    });
  }

  /**
   * A draft's texts corrected before it opens (the moderator saw the split and fixed a heading or a number): split
   * again and stored in place, the English one as given ({@code null} or blank: the draft then has none); 400 when
   * one cannot be split or they do not align, 409 once the consultation is open (people may have commented on its
   * clauses).
   */
  public Future<Reading> correct(CurrentUser moderator, String id, Texts texts) {
    return store.find(id).compose(consultation -> {
      if (consultation == null) {
        throw notFound();
      }
      if (!Consultation.DRAFT.equals(consultation.status())) {
        throw ForumException.conflict("Only a draft's text can be corrected.")
            .withMessageKey("consultations.correct.notDraft");
      }
      return splitBoth(texts).compose(split -> store.replaceText(id, split.preamble(), structure(split.vi()),
              texts.vi(), split.englishJson())
          .map(v -> split.reading(consultation, 1, 1)));
    });
  }

  /**
   * The text the consultation was split from, as the moderator's correction form shows it: the text kept when it
   * was stored, or, for one stored before texts were kept, its parts written out again (which split the same way).
   */
  public Future<String> source(CurrentUser moderator, String id) {
    return read(moderator, id).compose(reading -> store.text(id).map(text -> {
      String kept = text == null ? null : text.getString("source");
      return kept != null ? kept : Splitter.write(reading.preamble(), reading.parts());
    }));
  }

  /**
   * The English text the moderator's correction form shows: the one kept, or its parts written out again; ""
   * when the draft has none.
   */
  public Future<String> sourceEn(CurrentUser moderator, String id) {
    return read(moderator, id).compose(reading -> store.text(id).map(text -> {
      JsonObject en = text == null ? null : text.getJsonObject("en");
      if (en == null) {
        return "";
      }
      String kept = en.getString("source");
      return kept != null ? kept : Splitter.write(reading.englishPreamble(), reading.english());
    }));
  }

  /** The text split; 400 naming {@code field} (and the splitter's message) when it cannot be. */
  private static Future<Splitter.Split> split(String text, String field) {
    try {
      return Future.succeededFuture(Splitter.split(text));
    } catch (SplitException e) {
      return Future.failedFuture(ForumException.invalid(field, (field.equals("textEn") ? "The English text: " : "")
          + e.getMessage()).withMessageKey(e.messageKey()));
    }
  }

  static JsonArray structure(Splitter.Split split) {
    JsonArray structure = new JsonArray();
    split.parts().forEach(p -> structure.add(p.toJson()));
    return structure;
  }

  /** The consultation with its current text, if this person may read it (else 404, as if it did not exist). */
  public Future<Reading> read(CurrentUser user, String id) {
    return read(user, id, 0);
  }

  /** The consultation with version {@code version} of its text (0: the current one); 404 for one it has not. */
  public Future<Reading> read(CurrentUser user, String id, int version) {
    return visible(user, id).compose(consultation -> store.text(id).compose(text -> {
      if (text == null) {
        throw notFound();
      }
      int latest = text.getInteger("version", 1);
      if (version == 0 || version == latest) {
        return Future.succeededFuture(reading(consultation, text, latest, latest));
      }
      if (version < 0 || version > latest) {
        throw noSuchVersion();
      }
      return store.version(id, version).map(old -> {
        if (old == null) {
          throw noSuchVersion();
        }
        return reading(consultation, old, version, latest);
      });
    }));
  }

  /** The parts of the version before the one read (none for a first version): what a page compares it with. */
  public Future<List<Part>> previous(Reading reading) {
    if (reading.version() <= 1) {
      return Future.succeededFuture(List.<Part>of());
    }
    return store.version(reading.consultation().id(), reading.version() - 1)
        .map(old -> old == null ? List.<Part>of() : parts(old));
  }

  /** A revised draft made current, and what changed from the version before it. */
  public record Revision(Reading reading, Changes changes) {

    /** The consultation as read (now its new version), with {@code changes:{changed, added, removed}}. */
    public JsonObject json() {
      return reading.json().put("changes", changes.json());
    }
  }

  /**
   * The authority's revised draft, imported as the consultation's next version: the current text is kept, readable,
   * as the version it was, and the new one split and made current. Comments and amendments stay on their clause
   * where it still exists (clauses are matched by their number path, their id); the others are then shown as on an
   * earlier version. Everyone reading the consultation is told live (a {@code version} announcement). 400 when the
   * text cannot be split; 409 for a draft, whose text is corrected instead.
   */
  public Future<Revision> revise(CurrentUser moderator, String id, Texts texts) {
    return store.find(id).compose(consultation -> {
      if (consultation == null) {
        throw notFound();
      }
      if (Consultation.DRAFT.equals(consultation.status())) {
        throw ForumException.conflict("A draft's text is corrected, not revised: open it first.")
            .withMessageKey("consultations.version.draft");
      }
      return splitBoth(texts).compose(split -> store.text(id).compose(current -> {
        if (current == null) {
          throw notFound();
        }
        int version = current.getInteger("version", 1);
        return store.newVersion(id, version, current, split.preamble(), structure(split.vi()), texts.vi(),
                split.englishJson(), clock.instant())
            .compose(v -> search.recordAll(ConsultationFindables.KIND, ConsultationFindables.ids(id, parts(current))))
            .compose(v -> feed.publish(id, "version", new JsonObject().put("version", version + 1)
                .put("url", "/consultations/" + id)))
            .map(v -> new Revision(split.reading(consultation, version + 1, version + 1),
                Changes.between(parts(current), split.vi().parts())));
      }));
    });
  }

  private static Reading reading(Consultation consultation, JsonObject text, int version, int latest) {
    JsonObject en = text.getJsonObject("en");
    return new Reading(consultation, text.getString("preamble", ""), parts(text), version, latest,
        en == null ? "" : en.getString("preamble", ""), en == null ? List.of() : parts(en));
  }

  private static List<Part> parts(JsonObject text) {
    return text.getJsonArray("structure", new JsonArray()).stream().map(p -> Part.fromJson((JsonObject) p)).toList();
  }

  /** Announces a stored change to the consultation's live followers (see {@link ConsultationFeed}). */
  public Future<Void> announce(String id, String type, JsonObject body) {
    return feed.publish(id, type, body);
  }

  /**
   * What a page that follows the consultation missed since {@code since}: {@code {id, seq, events:[…], complete}},
   * the kept announcements in order (at most {@value #CATCH_UP_LIMIT}), read by their ids ({@code {id}:{seq}}).
   * {@code complete} is false when some are no longer kept or there were more: the page then reloads. One not kept
   * yet at the end is no gap: it is published after it is kept, so the page receives it live.
   */
  public Future<JsonObject> changesSince(CurrentUser user, String id, long since) {
    return visible(user, id).compose(consultation -> {
      long upTo = Math.min(consultation.seq(), since + CATCH_UP_LIMIT);
      Future<List<JsonObject>> found = since >= upTo ? Future.succeededFuture(List.of())
          : store.events(id, since, upTo);
      return found.map(events -> {
        JsonArray inOrder = new JsonArray();
        long next = since + 1;
        for (JsonObject event : events) {
          if (event.getLong("seq") != next) {
            break;
          }
          inOrder.add(event);
          next++;
        }
        boolean complete = inOrder.size() == events.size() && upTo == Math.max(consultation.seq(), since);
        return new JsonObject().put("id", id).put("seq", next - 1).put("events", inOrder).put("complete", complete);
      });
    });
  }

  /** Whether this person may follow the consultation live: exactly who may read it (the bridge's check). */
  public Future<Boolean> mayFollow(CurrentUser user, String id) {
    return visible(user, id).map(true).otherwise(false);
  }

  /** The listed consultations this person may see, newest first. */
  public Future<List<Consultation>> list(CurrentUser user) {
    return store.listed().compose(all -> memberships.mayReadMembersOnly(user).map(members -> all.stream()
        .filter(c -> !Consultation.DRAFT.equals(c.status()) || isModerator(user))
        .filter(c -> !c.membersOnly() || members)
        .toList()));
  }

  /** draft → open (409 from any other state). */
  public Future<Consultation> open(CurrentUser moderator, String id) {
    return move(moderator, id, Consultation.DRAFT, Consultation.OPEN);
  }

  /** open → closed (409 from any other state). */
  public Future<Consultation> close(CurrentUser moderator, String id) {
    return move(moderator, id, Consultation.OPEN, Consultation.CLOSED);
  }

  /**
   * A member's comment on one clause of an open consultation: 403 without member rights, 404 for a consultation
   * they may not read or a clause it does not have, 409 when it is not open.
   */
  public Future<Comment> comment(CurrentUser user, String id, String clauseId, String body) {
    return memberships.hasMemberRights(user)
        .compose(member -> {
          if (!member) {
            throw ForumException.forbidden("Commenting needs member rights.");
          }
          return read(user, id);
        })
        .compose(reading -> {
          if (!reading.ids().contains(clauseId)) {
            throw ForumException.notFound("This consultation has no clause '" + clauseId + "'.");
          }
          if (!Consultation.OPEN.equals(reading.consultation().status())) {
            throw ForumException.conflict("This consultation is not open for comments.")
                .withMessageKey("consultations.notOpen");
          }
          return store.countComment(id, clauseId).compose(n -> {
            Comment comment = new Comment(id + ":" + clauseId + ":" + n, id, clauseId, body, user.id(), user.name(),
                clock.instant());
            return store.insertComment(comment).compose(v -> feed.publish(id, "comment", new JsonObject()
                    .put("clause", clauseId).put("count", n).put("comment", comment.json())))
                .compose(v -> participation.commented(user.id(), reading.consultation().subject(), clauseId,
                    comment.at()))
                .map(comment);
          });
        });
  }

  /** The newest comments of every clause (up to {@value #SHOWN_PER_CLAUSE} each), read by their ids. */
  public Future<List<Comment>> comments(Reading reading) {
    return comments(reading.consultation(), SHOWN_PER_CLAUSE);
  }

  /**
   * Every comment of the consultation (the secretariat's export), oldest first: their ids are known from the
   * per-clause counts kept in the consultation's document, so they are read by {@code _id $in}, never by a query.
   */
  public Future<List<Comment>> allComments(Reading reading) {
    return comments(reading.consultation(), Integer.MAX_VALUE);
  }

  private Future<List<Comment>> comments(Consultation c, int newestPerClause) {
    List<String> ids = new ArrayList<>();
    for (String clause : c.counts().fieldNames()) {
      int count = c.count(clause);
      for (int n = Math.max(1, count - Math.min(count, newestPerClause) + 1); n <= count; n++) {
        ids.add(c.id() + ":" + clause + ":" + n);
      }
    }
    return store.comments(ids);
  }

  private Future<Consultation> move(CurrentUser moderator, String id, String from, String to) {
    return store.find(id).compose(consultation -> {
      if (consultation == null) {
        throw notFound();
      }
      if (!from.equals(consultation.status())) {
        throw ForumException.conflict("The consultation is " + consultation.status() + ", not " + from + ".");
      }
      return store.setStatus(id, to, clock.instant())
          .compose(v -> search.record(ConsultationFindables.KIND, id))
          .map(v -> new Consultation(consultation.id(), consultation.title(), consultation.summary(),
              consultation.authority(), consultation.deadline(), consultation.visibility(), to,
              consultation.counts(), consultation.createdBy(), consultation.createdAt(), consultation.seq()));
    });
  }

  private Future<Consultation> visible(CurrentUser user, String id) {
    return store.find(id).compose(consultation -> {
      if (consultation == null || Consultation.DRAFT.equals(consultation.status()) && !isModerator(user)) {
        throw notFound();
      }
      if (!consultation.membersOnly()) {
        return Future.succeededFuture(consultation);
      }
      return memberships.mayReadMembersOnly(user).map(may -> {
        if (!may) {
          throw notFound();
        }
        return consultation;
      });
    });
  }

  private static boolean isModerator(CurrentUser user) {
    return user != null && (user.has(Role.MODERATOR) || user.has(Role.ADMIN));
  }

  private static ForumException noSuchVersion() {
    return ForumException.notFound("This consultation has no such version.")
        .withMessageKey("consultations.version.notFound");
  }

  private static ForumException notFound() {
    return ForumException.notFound("There is no such consultation.").withMessageKey("consultations.notFound");
  }

  private static String newId() {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      id.append(ID_LETTERS.charAt(RANDOM.nextInt(ID_LETTERS.length())));
    }
    return id.toString();
  }
}
