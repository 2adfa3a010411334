/*
 * Live workshop Q&A pages (/qa/{id}, /qa/{id}/moderate, /qa/{id}/present).
 *
 * The pages are complete without this module (plain forms with the CSRF field). With it, the page keeps a copy of
 * the session's questions (qa/questions.js), each with the seq of its last change, follows qa.session.{id} (or
 * .mod for moderators) over the live connection (live.js), and after a reconnect asks the API for what changed
 * since the last seq it saw. A change is applied only when its seq is newer than the copy's, so replays and
 * out-of-order frames are harmless; that is also why a resume asks a little further back than strictly needed.
 * The lists are drawn by qa/question-list.js, polls by qa/polls.js, rapporteurs' notes by qa/notes.js; everything the page says comes from the
 * data-text-* attributes of [data-qa-session].
 */
import { follow } from './live.js';
import { announce } from './ui/announce.js';
import { request } from './ui/api.js';
import { questionStore } from './qa/questions.js';
import { questionLists } from './qa/question-list.js';
import { sessionPolls } from './qa/polls.js';
import { sessionNotes } from './qa/notes.js';

const RESUME_MARGIN = 50;

const root = document.querySelector('[data-qa-session]');
if (root) {
  followSession(root);
}

function followSession(root) {
  const page = {
    root: root,
    sessionId: root.getAttribute('data-qa-session'),
    view: root.getAttribute('data-qa-view'),
    sort: root.getAttribute('data-qa-sort') || 'votes',
    qaOpen: root.getAttribute('data-qa-open') === 'true',
    signedIn: root.getAttribute('data-qa-signed-in') === 'true',
    /** A signed-in person, or a guest where guests may vote: offered the question vote buttons. */
    canVote: root.getAttribute('data-qa-can-vote') === 'true',
    lang: document.documentElement.lang || 'vi',
    text: (key) => root.getAttribute('data-text-' + key) || key
  };
  const { sessionId, view, text } = page;
  let seq = Number(root.getAttribute('data-qa-seq')) || 0;
  const questions = questionStore();
  const polls = sessionPolls(page);
  const notes = sessionNotes(page);
  const lists = questionLists(page, { vote: vote, moderate: moderate, edit: edit, withdraw: withdraw });

  function render() {
    lists.render(questions.lists(view, page.sort));
  }

  function apply(q) {
    if (questions.apply(q)) {
      seq = Math.max(seq, q.seq);
    }
  }

  function applyPoll(poll) {
    if (polls.apply(poll)) {
      seq = Math.max(seq, poll.seq);
    }
  }

  function load(since) {
    const path = '/api/v1/sessions/' + encodeURIComponent(sessionId) + '/questions' +
      (since === null ? '' : '?since=' + Math.max(0, since));
    return request('GET', path).then((answer) => {
      answer.questions.forEach(apply);
      (answer.polls || []).forEach(applyPoll);
      lists.showCounts(answer.counts);
      render();
    });
  }

  function vote(q) {
    const countedAt = q.votesSeq;
    request(q.voted ? 'DELETE' : 'POST', '/api/v1/questions/' + encodeURIComponent(q.id) + '/vote')
      .then((answer) => {
        // The count is announced at once, so a live frame may have replaced this question's copy, or a count frame
        // changed its votes, before the answer came: the person's mark goes on the copy kept now, the answer's count
        // only if no frame came since.
        const current = questions.get(q.id) || q;
        if (current === q && current.votesSeq === countedAt) {
          current.votes = answer.votes;
        }
        current.voted = answer.voted;
        render();
      }, failed);
  }

  /** The asker's new text for their question waiting for review. */
  function edit(q, newText) {
    if (!newText) {
      return;
    }
    request('PATCH', '/api/v1/questions/' + encodeURIComponent(q.id), { text: newText }).then((answer) => {
      apply(answer);
      render();
    }, failed);
  }

  /** The asker withdraws their question. */
  function withdraw(q) {
    request('DELETE', '/api/v1/questions/' + encodeURIComponent(q.id)).then((answer) => {
      apply(answer);
      render();
    }, failed);
  }

  /**
   * A moderator's action from the question's form (form: where its fields are), stating the status the page
   * shows; when another moderator changed the question first (409), the page says so and reloads what changed.
   */
  function moderate(q, action, form) {
    const body = { action: action, expect: q.status };
    ['reason', 'note', 'answer', 'text'].forEach((name) => {
      const input = form.querySelector('[name=' + name + ']');
      if (input && input.value.trim() && (name !== 'text' || action === 'approve' || action === 'redact')) {
        body[name] = input.value.trim();
      }
    });
    request('POST', '/api/v1/questions/' + encodeURIComponent(q.id) + '/moderate', body).then((answer) => {
      apply(answer);
      render();
    }, (failure) => failed(failure && failure.message === 'HTTP 409' ? 'conflict' : 'error'));
  }

  /** An action that did not go through: said on the page, in the page's language, and the lists reloaded. */
  function failed(key) {
    const notice = root.querySelector('[data-qa-error]');
    if (notice) {
      notice.textContent = text(typeof key === 'string' ? key : 'error');
      notice.hidden = false;
    }
    return load(seq - RESUME_MARGIN);
  }

  /** Tells screen-reader users, politely, what changed in the lists (votes alone are not worth interrupting for). */
  function announceChange(before, body) {
    const q = body && questions.get(body.id);
    if (!q || q.status === before) {
      return;
    }
    const key = {
      pending: 'announce-pending', approved: 'announce-approved', highlighted: 'announce-highlighted',
      answered: 'announce-answered'
    }[q.status];
    if (key && (q.status !== 'pending' || view === 'moderate')) {
      announce(text(key).replace('{0}', q.text || ''));
    }
  }

  function onMessage(body) {
    if (body && body.type === 'note') {
      notes.apply(body);
      return;
    }
    if (body && body.type === 'poll') {
      applyPoll(body);
      return;
    }
    if (body && body.type === 'followers') {
      const followers = root.querySelector('[data-followers]');
      if (followers) {
        followers.textContent = String(body.count);
      }
      return;
    }
    if (body && body.type === 'moderators') {
      lists.showModerators(body.moderators || []);
      return;
    }
    if (body && body.type === 'counts') {
      lists.showCounts(body);
      return;
    }
    if (body && body.type === 'votes') {
      if (questions.applyVotes(body)) {
        seq = Math.max(seq, body.seq);
        render();
      }
      return;
    }
    if (body && body.type === 'session') {
      page.qaOpen = body.qaOpen;
      seq = Math.max(seq, body.seq);
      render();
      return;
    }
    const known = body ? questions.get(body.id) : null;
    const before = known ? known.status : null;
    apply(body);
    render();
    announceChange(before, body);
  }

  follow(view === 'moderate' ? 'qa.session.' + sessionId + '.mod' : 'qa.session.' + sessionId, {
    onMessage: onMessage,
    onResume: () => Promise.all([load(seq - RESUME_MARGIN), notes.reload()])
  });
  load(null);
}
