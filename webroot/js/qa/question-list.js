/*
 * How the Q&A page shows its questions: the lists ([data-list]) with votes, who asked and when, and for
 * moderators the actions each status offers; and the transparency counters (waiting, hidden, reasons).
 */
import { element, button } from '../ui/dom.js';
import { localised } from '../ui/text.js';
import { formatTime } from '../ui/time.js';
import { created } from './questions.js';

const PUBLIC = { approved: true, highlighted: true, answered: true };
/**
 * What a moderator is offered for a question in each status (as in qa/moderator-question.hbs); hidden questions
 * are not listed. "reopen" is the API's approve, taking an answered question back to the open ones.
 */
const ACTIONS = {
  pending: ['approve', 'hide'],
  approved: ['highlight', 'answer', 'hide'],
  highlighted: ['answer', 'hide'],
  answered: ['reopen', 'hide']
};
const API_ACTION = { reopen: 'approve' };
/** Why a question is hidden or redacted (ModeratorAction.REASONS). */
const REASONS = ['off-topic', 'duplicate', 'personal-data', 'abusive', 'other'];
/** The statuses whose form takes a written answer. */
const ANSWERABLE = { approved: true, highlighted: true };

/**
 * The question lists of page (qa.js: root, view, canVote, qaOpen, lang, text). actions.vote(q),
 * actions.moderate(q, apiAction, form), actions.edit(q, text) and actions.withdraw(q) run when the reader uses a
 * question's buttons.
 */
export function questionLists(page, actions) {
  const { root, view, text } = page;

  function revision(q) {
    return q.seq + ':' + q.votes + ':' + (q.voted ? 1 : 0) + ':' + (page.qaOpen ? 1 : 0);
  }

  function field(labelText, control, name) {
    const label = element('label', null, labelText + ' ');
    control.name = name;
    label.appendChild(control);
    return label;
  }

  function reasonSelect(withNone) {
    const select = element('select');
    (withNone ? [''] : []).concat(REASONS).forEach((reason) => {
      const option = element('option', null, reason ? text('reason-' + reason) : text('reason-none'));
      option.value = reason;
      select.appendChild(option);
    });
    return select;
  }

  function textArea(max, value) {
    const area = element('textarea');
    area.rows = 2;
    area.maxLength = max;
    area.value = value || '';
    return area;
  }

  function noteInput() {
    const note = element('input');
    note.type = 'text';
    note.maxLength = 300;
    return note;
  }

  /** The redaction form: the text the room sees instead, a reason code and a note. */
  function redaction(q) {
    const details = element('details', 'qa-redact');
    details.appendChild(element('summary', null, text('redact')));
    const form = element('div', 'qa-mod-form');
    form.appendChild(field(text('redact-text'), textArea(500, q.text), 'text'));
    form.appendChild(field(text('reason'), reasonSelect(false), 'reason'));
    form.appendChild(field(text('note'), noteInput(), 'note'));
    form.appendChild(button(text('redact'), 'button button-quiet', () => actions.moderate(q, 'redact', form)));
    details.appendChild(form);
    return details;
  }

  /** The asker's own tools: edit the text while it waits for review, withdraw it any time. */
  function mineTools(q) {
    const tools = element('div', 'qa-mine-tools');
    if (q.status === 'pending') {
      const details = element('details', 'qa-mine-edit');
      details.appendChild(element('summary', null, text('mine-edit')));
      const area = textArea(500, q.text);
      details.appendChild(field(text('mine-text'), area, 'text'));
      details.appendChild(button(text('mine-save'), 'button', () => actions.edit(q, area.value.trim())));
      tools.appendChild(details);
    }
    tools.appendChild(button(text('mine-withdraw'), 'button button-quiet', () => actions.withdraw(q)));
    return tools;
  }

  /** Under the text: that a moderator edited it, the written answer, and for moderators the original. */
  function notes(q, body) {
    if (q.edited) {
      body.appendChild(element('p', 'qa-edited', text('edited')));
    }
    if (q.answer) {
      const answer = element('p', 'qa-answer');
      answer.appendChild(element('strong', null, text('answer-label') + ':'));
      answer.appendChild(document.createTextNode(' ' + q.answer));
      body.appendChild(answer);
    }
    if (view === 'moderate' && q.moderation && q.moderation.originalText) {
      body.appendChild(element('p', 'qa-original', text('original') + ': ' + q.moderation.originalText));
    }
  }

  function moderatorTools(q, li) {
    const tools = element('div', 'qa-mod-form');
    if (q.status === 'pending') {
      tools.appendChild(field(text('edit'), textArea(500), 'text'));
    }
    if (ANSWERABLE[q.status]) {
      tools.appendChild(field(text('answer-text'), textArea(1000), 'answer'));
    }
    tools.appendChild(field(text('reason'), reasonSelect(true), 'reason'));
    tools.appendChild(field(text('note'), noteInput(), 'note'));
    const choices = element('span', 'qa-actions');
    (ACTIONS[q.status] || []).forEach((action) => {
      const className = action === 'approve' ? 'button' : 'button button-quiet';
      choices.appendChild(button(text(action), className, () => {
        actions.moderate(q, API_ACTION[action] || action, tools);
      })).setAttribute('data-action', action);
    });
    tools.appendChild(choices);
    return tools;
  }

  function item(q) {
    const li = element('li', 'qa-question status-' + q.status);
    li.id = 'q-' + q.id;
    li.setAttribute('data-id', q.id);
    li.setAttribute('data-rev', revision(q));
    const votes = element('div', 'qa-votes');
    votes.appendChild(element('span', 'qa-vote-count', String(q.votes)));
    votes.appendChild(document.createTextNode(' '));
    votes.appendChild(element('span', 'qa-vote-label', text('votes')));
    if (view === 'attendee' && page.canVote && page.qaOpen && !q.mine && PUBLIC[q.status]) {
      const toggle = button(q.voted ? text('unvote') : text('vote'), q.voted ? 'button button-quiet' : 'button',
        () => actions.vote(q));
      toggle.setAttribute('aria-pressed', q.voted ? 'true' : 'false');
      votes.appendChild(toggle);
    }
    li.appendChild(votes);
    const body = element('div', 'qa-body');
    body.appendChild(element('p', 'qa-text', q.text || ''));
    notes(q, body);
    const former = q.author && q.author.former;
    let who = q.anonymous ? text('anonymous') : (former ? text('former') : (q.author && q.author.name) || '');
    if (view === 'moderate' && q.author && (q.author.name || former)) {
      who = (former ? text('former') : q.author.name) + (q.anonymous ? ' (' + text('anonymous') + ')' : '');
    }
    if (view === 'moderate' && q.author && q.author.guest) {
      who += (who ? ' ' : '') + '[' + text('guest') + ']';
    }
    const org = q.author && q.author.organisation;
    if (org && (!q.anonymous || view === 'moderate')) {
      who += q.onBehalf ? ', ' + text('on-behalf') + ' ' : ' · ';
    }
    const meta = element('p', 'qa-meta', who);
    if (org && (!q.anonymous || view === 'moderate')) {
      meta.appendChild(element('span', 'qa-org', localised(org.name, page.lang)));
      if (org.verified) {
        meta.appendChild(document.createTextNode(' '));
        meta.appendChild(element('span', 'qa-verified', '✓ ' + text('verified')));
      }
    }
    meta.appendChild(document.createTextNode(' · ' + formatTime(created(q), page.lang)));
    if (q.status === 'pending') {
      meta.appendChild(document.createTextNode(' · '));
      meta.appendChild(element('strong', 'qa-badge', text('waiting')));
    }
    body.appendChild(meta);
    if (view === 'attendee' && q.mine) {
      body.appendChild(mineTools(q));
    }
    if (view === 'moderate') {
      const last = q.moderation && q.moderation.last;
      if (last) {
        body.appendChild(element('p', 'qa-last',
          text('last').replace('{0}', last.action).replace('{1}', (last.by && last.by.name) || '')));
      }
      body.appendChild(moderatorTools(q, li));
      body.appendChild(redaction(q));
    }
    li.appendChild(body);
    return li;
  }

  return {
    /** Who moderates the session now (moderators' page). */
    showModerators(people) {
      const node = root.querySelector('[data-moderators]');
      if (node) {
        node.textContent = people.map((person) => person.name).join(', ');
      }
    },

    /**
     * Puts each list (name → questions in order) on the page, reusing unchanged items (so a moderator's
     * half-typed reason survives updates).
     */
    render(wanted) {
      Object.keys(wanted).forEach((name) => {
        const list = root.querySelector('[data-list="' + name + '"]');
        if (!list) {
          return;
        }
        const existing = {};
        Array.prototype.forEach.call(list.children, (child) => {
          existing[child.getAttribute('data-id')] = child;
        });
        const nodes = wanted[name].map((q) => {
          const node = existing[q.id];
          return node && node.getAttribute('data-rev') === revision(q) ? node : item(q);
        });
        if (!nodes.length && name === 'open') {
          nodes.push(existing[null] || element('li', 'qa-empty', text('empty')));
        }
        Array.prototype.slice.call(list.children).forEach((child) => {
          if (nodes.indexOf(child) < 0) {
            list.removeChild(child);
          }
        });
        nodes.forEach((node, index) => {
          if (list.children[index] !== node) {
            list.insertBefore(node, list.children[index] || null);
          }
        });
      });
    },

    /** The transparency counters: questions waiting, hidden, and the reasons given. */
    showCounts(counts) {
      if (!counts) {
        return;
      }
      ['pending', 'hidden'].forEach((name) => {
        const node = root.querySelector('[data-count="' + name + '"]');
        if (node) {
          node.textContent = String(counts[name]);
        }
      });
      const reasons = root.querySelector('[data-reasons]');
      if (reasons && counts.reasons) {
        while (reasons.firstChild) {
          reasons.removeChild(reasons.firstChild);
        }
        counts.reasons.forEach((entry) => {
          reasons.appendChild(element('li', null, (entry.reason || text('no-reason')) + ': ' + entry.count));
        });
      }
    }
  };
}
