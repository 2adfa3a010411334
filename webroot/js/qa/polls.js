/*
 * Polls on the Q&A page ([data-polls]): the newest version of each poll and its results, live. A vote form the
 * server rendered stays; a poll that started after the page loaded shows its results (and, for signed-in
 * attendees, the same vote form the server renders).
 */
import { element } from '../ui/dom.js';
import { localised } from '../ui/text.js';

/** The polls of page (qa.js: root, view, signedIn, sessionId, lang, text). */
export function sessionPolls(page) {
  const { root, view, text } = page;
  const polls = {};

  /** A poll that started after the page loaded: its results (attendees vote with the form after a reload). */
  function pollItem(poll, list) {
    const li = element('li', 'qa-poll');
    li.id = 'poll-' + poll.id;
    li.setAttribute('data-poll', poll.id);
    li.appendChild(element('h3', 'qa-poll-question', localised(poll.question, page.lang)));
    if (view === 'attendee' && page.signedIn && poll.open) {
      const token = root.querySelector('input[name=_csrf]');
      const form = element('form', 'qa-poll-form');
      form.method = 'post';
      form.action = '/qa/' + encodeURIComponent(page.sessionId) + '/polls/' + encodeURIComponent(poll.id) + '/vote';
      if (token) {
        const hidden = element('input');
        hidden.type = 'hidden';
        hidden.name = '_csrf';
        hidden.value = token.value;
        form.appendChild(hidden);
      }
      poll.options.forEach((option) => {
        const label = element('label');
        const input = element('input');
        input.type = poll.multiple ? 'checkbox' : 'radio';
        input.name = 'choice';
        input.value = String(option.index);
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + localised(option.text, page.lang)));
        const p = element('p');
        p.appendChild(label);
        form.appendChild(p);
      });
      const submit = element('button', 'button', text('poll-vote'));
      submit.type = 'submit';
      form.appendChild(submit);
      li.appendChild(form);
    }
    const results = element('ul', 'qa-poll-results');
    poll.options.forEach((option) => {
      const row = element('li');
      row.setAttribute('data-option', String(option.index));
      row.appendChild(element('span', 'qa-poll-option', localised(option.text, page.lang)));
      const bar = element('meter', 'qa-poll-bar');
      bar.min = 0;
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-hidden', 'true');
      row.appendChild(bar);
      const votes = element('strong', null, '0');
      votes.setAttribute('data-votes', '');
      row.appendChild(votes);
      const share = element('span', 'muted');
      share.appendChild(document.createTextNode(' ('));
      const percent = element('span', null, '0');
      percent.setAttribute('data-percent', '');
      share.appendChild(percent);
      share.appendChild(document.createTextNode('%)'));
      row.appendChild(share);
      results.appendChild(row);
    });
    li.appendChild(results);
    const footer = element('p', 'muted');
    const voters = element('span', null, '0');
    voters.setAttribute('data-voters', '');
    footer.appendChild(voters);
    footer.appendChild(document.createTextNode(' ' + list.getAttribute('data-text-voters')));
    li.appendChild(footer);
    return li;
  }

  function show(poll, list) {
    let node = document.getElementById('poll-' + poll.id);
    if (!node) {
      node = pollItem(poll, list);
      list.insertBefore(node, list.firstChild);
    }
    poll.options.forEach((option) => {
      const row = node.querySelector('[data-option="' + option.index + '"]');
      if (!row) {
        return;
      }
      row.querySelector('[data-votes]').textContent = String(option.votes);
      row.querySelector('[data-percent]').textContent = String(option.percent);
      row.querySelector('.qa-poll-bar').value = option.percent;
    });
    node.querySelector('[data-voters]').textContent = String(poll.voters);
    if (!poll.open) {
      node.classList.add('qa-poll-closed');
      ['.qa-poll-form', '[data-poll-close]'].forEach((selector) => {
        const form = node.querySelector(selector);
        if (form) {
          form.parentNode.removeChild(form);
        }
      });
      if (!node.querySelector('[data-poll-closed]')) {
        const badge = element('span', 'qa-badge', list.getAttribute('data-text-closed'));
        badge.setAttribute('data-poll-closed', '');
        node.querySelector('.qa-poll-question').appendChild(badge);
      }
    }
  }

  return {
    /** Keeps poll if it is newer than the known version and shows its results; true when it was kept. */
    apply(poll) {
      const known = polls[poll.id];
      if (known && known.seq >= poll.seq) {
        return false;
      }
      polls[poll.id] = poll;
      const list = root.querySelector('[data-polls]');
      if (list) {
        show(poll, list);
      }
      return true;
    }
  };
}
