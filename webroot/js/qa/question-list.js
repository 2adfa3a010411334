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

/**
 * The question lists of page (qa.js: root, view, signedIn, qaOpen, lang, text). actions.vote(q) and
 * actions.moderate(q, apiAction, item) run when the reader uses a question's buttons.
 */
export function questionLists(page, actions) {
  const { root, view, text } = page;

  function revision(q) {
    return q.seq + ':' + q.votes + ':' + (q.voted ? 1 : 0) + ':' + (page.qaOpen ? 1 : 0);
  }

  function moderatorTools(q, li) {
    const tools = element('div', 'qa-mod-form');
    if (q.status === 'pending') {
      const edit = element('label', null, text('edit') + ' ');
      const area = element('textarea');
      area.name = 'text';
      area.rows = 2;
      area.maxLength = 500;
      edit.appendChild(area);
      tools.appendChild(edit);
    }
    const reasonLabel = element('label', null, text('reason') + ' ');
    const reason = element('input');
    reason.name = 'reason';
    reason.maxLength = 300;
    reasonLabel.appendChild(reason);
    tools.appendChild(reasonLabel);
    const choices = element('span', 'qa-actions');
    (ACTIONS[q.status] || []).forEach((action) => {
      const className = action === 'approve' ? 'button' : 'button button-quiet';
      choices.appendChild(button(text(action), className, () => {
        actions.moderate(q, API_ACTION[action] || action, li);
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
    if (view === 'attendee' && page.signedIn && page.qaOpen && !q.mine && PUBLIC[q.status]) {
      const toggle = button(q.voted ? text('unvote') : text('vote'), q.voted ? 'button button-quiet' : 'button',
        () => actions.vote(q));
      toggle.setAttribute('aria-pressed', q.voted ? 'true' : 'false');
      votes.appendChild(toggle);
    }
    li.appendChild(votes);
    const body = element('div', 'qa-body');
    body.appendChild(element('p', 'qa-text', q.text || ''));
    let who = q.anonymous ? text('anonymous') : (q.author && q.author.name) || '';
    if (view === 'moderate' && q.author && q.author.name) {
      who = q.author.name + (q.anonymous ? ' (' + text('anonymous') + ')' : '');
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
    if (view === 'moderate') {
      body.appendChild(moderatorTools(q, li));
    }
    li.appendChild(body);
    return li;
  }

  return {
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
