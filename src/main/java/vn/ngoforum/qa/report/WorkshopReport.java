package vn.ngoforum.qa.report;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import vn.ngoforum.documents.Document;
import vn.ngoforum.documents.Document.Text;
import vn.ngoforum.qa.events.Event;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.Speaker;
import vn.ngoforum.qa.notes.Note;
import vn.ngoforum.qa.polls.Poll;
import vn.ngoforum.qa.questions.Question;
import vn.ngoforum.web.I18n;

/**
 * The workshop report as a {@link Document}, in one language: the title, the agenda, the organisations that took part
 * (verified ones marked), the counts, then for each session its speakers, its questions by votes (the answered ones
 * with their written answers, then the unanswered ones), its poll results and its rapporteurs' notes. Questions are
 * shown as the room saw them (a redacted text as redacted); an anonymous asker appears as "anonymous", without name or
 * organisation; a guest is marked as one.
 *
 * @param wholeEvent  a report of every session of the event (else of the one session in {@code sessions})
 */
record WorkshopReport(Event event, List<SessionFacts> sessions, List<Participant> participants, boolean wholeEvent,
    I18n i18n, String lang) {

  private static final Comparator<Question> BY_VOTES = Comparator.comparingInt(Question::votes).reversed()
      .thenComparing(Question::createdAt, Comparator.nullsLast(Comparator.naturalOrder()));

  Document document() {
    String title = wholeEvent || sessions.isEmpty() ? local(event == null ? null : event.title())
        : local(sessions.get(0).session().title());
    Document doc = Document.titled(text("title", title)).subtitle(subtitle());
    agenda(doc);
    organisations(doc);
    counts(doc);
    for (SessionFacts session : sessions) {
      session(doc, session);
    }
    return doc;
  }

  private String subtitle() {
    if (event == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (wholeEvent || sessions.isEmpty()) {
      parts.add(text("event"));
    } else {
      parts.add(local(event.title()));
    }
    String place = local(event.location());
    if (!place.isBlank()) {
      parts.add(place);
    }
    if (event.startsAt() != null) {
      parts.add(span(event.startsAt(), event.endsAt()));
    }
    return String.join(" · ", parts);
  }

  private void agenda(Document doc) {
    doc.heading(1, text("agenda"));
    List<List<String>> rows = sessions.stream().map(SessionFacts::session).map(session -> List.of(
        session.startsAt() == null ? "" : span(session.startsAt(), session.endsAt()), local(session.title()),
        speakers(session))).toList();
    doc.table(List.of(text("column.time"), text("column.session"), text("column.speakers")), rows);
  }

  private void organisations(Document doc) {
    doc.heading(1, text("organisations"));
    if (participants.isEmpty()) {
      doc.paragraph(text("noOrganisations"));
      return;
    }
    List<List<String>> rows = participants.stream()
        .sorted(Comparator.comparing((Participant p) -> local(p.name()).toLowerCase(java.util.Locale.ROOT)))
        .map(p -> List.of(local(p.name()),
            p.roles().stream().map(role -> text("role." + role)).collect(Collectors.joining(", ")),
            p.verified() ? text("verified") : text("notVerified")))
        .toList();
    doc.table(List.of(text("column.organisation"), text("column.role"), text("column.badge")), rows);
  }

  private void counts(Document doc) {
    doc.heading(1, text("counts"));
    List<SessionFacts> all = sessions;
    long asked = all.stream().mapToLong(s -> s.questions().size()).sum();
    long answered = all.stream().mapToLong(s -> s.withStatus(Question.ANSWERED).size()).sum();
    long open = all.stream().mapToLong(s -> s.withStatus(Question.APPROVED, Question.HIGHLIGHTED).size()).sum();
    long pending = all.stream().mapToLong(s -> s.withStatus(Question.PENDING).size()).sum();
    long hidden = all.stream().mapToLong(s -> s.withStatus(Question.HIDDEN).size()).sum();
    long votes = all.stream().flatMap(s -> s.questions().stream()).filter(Question::isPublic)
        .mapToLong(Question::votes).sum();
    long pollCount = all.stream().mapToLong(s -> s.polls().size()).sum();
    long pollVoters = all.stream().flatMap(s -> s.polls().stream()).mapToLong(Poll::voters).sum();
    long noteCount = all.stream().mapToLong(s -> s.notes().size()).sum();
    doc.list(false, List.of(
        text("count.sessions", all.size()),
        text("count.questions", asked),
        text("count.answered", answered),
        text("count.unanswered", open),
        text("count.pending", pending),
        text("count.hidden", hidden),
        text("count.votes", votes),
        text("count.polls", pollCount, pollVoters),
        text("count.notes", noteCount),
        text("count.organisations", participants.size(),
            participants.stream().filter(Participant::verified).count())));
  }

  private void session(Document doc, SessionFacts facts) {
    Session session = facts.session();
    doc.heading(1, local(session.title()));
    if (session.startsAt() != null) {
      doc.paragraph(Text.bold(text("when") + " "), Text.plain(span(session.startsAt(), session.endsAt())));
    }
    String speakers = speakers(session);
    if (!speakers.isEmpty()) {
      doc.paragraph(Text.bold(text("speakers") + " "), Text.plain(speakers));
    }
    doc.paragraph(local(session.description()));

    doc.heading(2, text("answered"));
    questions(doc, facts.withStatus(Question.ANSWERED), "noAnswered");
    doc.heading(2, text("unanswered"));
    questions(doc, facts.withStatus(Question.HIGHLIGHTED, Question.APPROVED), "noUnanswered");
    doc.heading(2, text("polls"));
    polls(doc, facts.polls());
    doc.heading(2, text("notes"));
    notes(doc, facts.notes());
  }

  private void questions(Document doc, List<Question> questions, String none) {
    if (questions.isEmpty()) {
      doc.paragraph(text(none));
      return;
    }
    int n = 1;
    for (Question question : questions.stream().sorted(BY_VOTES).toList()) {
      doc.paragraph(Text.bold(n++ + ". "), Text.plain(question.text()));
      doc.paragraph(Text.plain(text("asked", asker(question), question.votes())));
      if (question.answer() != null && !question.answer().isBlank()) {
        doc.quote(text("answer") + " " + question.answer());
      }
    }
  }

  /**
   * Who asked, as the report may name them: never an anonymous asker; a guest marked as one; one who closed their
   * account as a former member (their name is forgotten).
   */
  private String asker(Question question) {
    Question.Asker asker = question.asker();
    if (question.anonymous() || asker == null
        || !asker.former() && (asker.name() == null || asker.name().isBlank())) {
      return text("anonymous");
    }
    String name = asker.former() ? text("former") : asker.guest() ? asker.name() + " (" + text("guest") + ")"
        : asker.name();
    return asker.organisation() == null ? name : name + ", " + local(asker.organisation().name());
  }

  private void polls(Document doc, List<Poll> polls) {
    if (polls.isEmpty()) {
      doc.paragraph(text("noPolls"));
      return;
    }
    for (Poll poll : polls) {
      doc.paragraph(Text.bold(local(poll.question())), Text.plain(" " + text("pollVoters", poll.voters())
          + (Poll.CLOSED.equals(poll.status()) ? "" : " " + text("pollOpen"))));
      doc.table(List.of(text("column.option"), text("column.votes"), text("column.percent")),
          poll.options().stream().map(option -> List.of(local(option.text()), Integer.toString(option.votes()),
              option.percent(poll.voters()) + "%")).toList());
    }
  }

  private void notes(Document doc, List<Note> notes) {
    if (notes.isEmpty()) {
      doc.paragraph(text("noNotes"));
      return;
    }
    for (Note note : notes) {
      String by = note.author() == null || note.author().name() == null ? "" : note.author().name();
      doc.paragraph(Text.bold(by + " · " + (note.createdAt() == null ? "" : i18n.dateTime(lang, note.createdAt()))));
      for (String paragraph : plain(note.html()).split("\\n\\s*\\n")) {
        doc.paragraph(paragraph.strip());
      }
    }
  }

  private String speakers(Session session) {
    return session.speakers().stream().map(Speaker::name).collect(Collectors.joining(", "));
  }

  private String span(Instant start, Instant end) {
    return i18n.dateTime(lang, start) + (end == null ? "" : " – " + i18n.dateTime(lang, end));
  }

  /** The field in the report's language, else in the other one (a text written in one language only). */
  private String local(JsonObject bilingual) {
    String wanted = bilingual == null ? "" : bilingual.getString(lang, "");
    return !wanted.isBlank() || bilingual == null ? wanted
        : bilingual.getString(I18n.VI.equals(lang) ? I18n.EN : I18n.VI, "");
  }

  private String text(String key, Object... args) {
    return i18n.text(lang, "qa.report." + key, args);
  }

  /** A note's sanitised HTML as plain text: paragraphs and list items on lines of their own, entities read. */
  static String plain(String html) {
    if (html == null) {
      return "";
    }
    return html.replaceAll("(?i)<li>", "• ").replaceAll("(?i)</(p|h[1-6]|blockquote|ul|ol)>", "\n\n")
        .replaceAll("(?i)<br\\s*/?>|</li>", "\n").replaceAll("<[^>]*>", "")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&#34;", "\"").replace("&#43;", "+").replace("&#61;", "=").replace("&#64;", "@")
        .replace("&#96;", "`").replace("&amp;", "&").strip();
  }
}
