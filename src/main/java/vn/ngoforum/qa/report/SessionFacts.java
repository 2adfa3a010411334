package vn.ngoforum.qa.report;

import java.util.List;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.notes.Note;
import vn.ngoforum.qa.polls.Poll;
import vn.ngoforum.qa.questions.Question;

/**
 * What the report tells of one session: its questions (without the withdrawn ones), polls and notes, read by key.
 */
record SessionFacts(Session session, List<Question> questions, List<Poll> polls, List<Note> notes) {

  List<Question> withStatus(String... statuses) {
    List<String> wanted = List.of(statuses);
    return questions.stream().filter(question -> wanted.contains(question.status())).toList();
  }
}
