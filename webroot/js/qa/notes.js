/*
 * Rapporteurs' live notes on the session page ([data-qa-notes]): a note block that arrives on qa.session.{id} is
 * added, or replaces the one shown when it is newer (its seq); after a reconnect the page asks for the notes again.
 * The blocks the server rendered (with their edit forms and, for moderators, their history) stay as they are until a
 * newer version arrives.
 */
import { getJson } from '../ui/api.js';
import { element } from '../ui/dom.js';
import { formatTime } from '../ui/time.js';

/** The notes of page (qa.js: root, sessionId, lang, text). */
export function sessionNotes(page) {
  const section = page.root.querySelector('[data-qa-notes]');
  const list = section ? section.querySelector('[data-note-list]') : null;

  function shownSeq(item) {
    return Number(item.getAttribute('data-note-seq')) || 0;
  }

  function newItem(note) {
    const li = element('li', 'qa-note');
    li.id = 'note-' + note.id;
    li.setAttribute('data-note-id', note.id);
    const body = element('div', 'qa-note-body');
    body.setAttribute('data-note-body', '');
    li.appendChild(body);
    const meta = element('p', 'muted qa-note-meta');
    const author = element('span', null, note.author ? note.author.name || note.author.username || '' : '');
    author.setAttribute('data-note-author', '');
    meta.appendChild(author);
    meta.appendChild(document.createTextNode(' · '));
    const time = element('time', null, formatTime(note.createdAt, page.lang));
    time.setAttribute('datetime', note.createdAt || '');
    meta.appendChild(time);
    const edited = element('span', null, ' · ' + page.text('note-edited'));
    edited.setAttribute('data-note-edited', '');
    meta.appendChild(edited);
    li.appendChild(meta);
    list.appendChild(li);
    return li;
  }

  /** Shows a note block (a live frame or the API's answer); an older version than the one shown is ignored. */
  function apply(note) {
    if (!list || !note || !note.id) {
      return;
    }
    const item = list.querySelector('[data-note-id="' + CSS.escape(note.id) + '"]') || newItem(note);
    if (item.hasAttribute('data-note-seq') && shownSeq(item) >= note.seq) {
      return;
    }
    item.setAttribute('data-note-seq', String(note.seq));
    item.querySelector('[data-note-body]').innerHTML = note.html; // sanitised on the server when it was written
    item.querySelector('[data-note-edited]').hidden = !note.edited;
    const empty = section.querySelector('[data-notes-empty]');
    if (empty) {
      empty.hidden = true;
    }
  }

  /** Every note again (after a reconnect: a block written or edited meanwhile). */
  function reload() {
    if (!list) {
      return Promise.resolve();
    }
    return getJson('/api/v1/sessions/' + encodeURIComponent(page.sessionId) + '/notes')
      .then((answer) => ((answer && answer.notes) || []).forEach(apply), () => {});
  }

  return { apply: apply, reload: reload };
}
