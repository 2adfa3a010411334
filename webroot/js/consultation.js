/*
 * Consultation reading page (/consultations/{id}): counts and new comments arrive while the page is open.
 *
 * The page is complete without this module. It follows consultation.{id} (live.js): a comment is added under its
 * clause and the clause's count changes; an amendment's proposal changes the clause's count; supports and
 * endorsements change the amendment's counts. What the page cannot draw by itself (a new or decided amendment)
 * shows the notice with a link that reloads the page; a new version of the text (imported by a moderator) shows its
 * own notice, "A new version was published — reload", with a link to the current version. Texts come from the page's data-text-* attributes, so they
 * follow its language; bodies are set as text, never as HTML.
 *
 * Every change carries the consultation's seq; the page knows the seq it was rendered at (data-seq). A change that
 * is not the next one, and every (re)connection, makes it ask for what it missed
 * (/api/v1/consultations/{id}/events?since=), which answers the same bodies in order; when that is not complete
 * (too much was missed) the page offers a reload.
 */
import { follow } from './live.js';
import { getJson } from './ui/api.js';
import { announce } from './ui/announce.js';
import { element } from './ui/dom.js';

const root = document.querySelector('[data-consultation]');
const notice = document.querySelector('[data-new-activity]');
const versionNotice = document.querySelector('[data-new-version]');

/** "1 comment" / "{n} comments" in the page's language (the plural text is rendered for 2). */
function counted(name, n) {
  return n === 1 ? root.getAttribute('data-text-' + name + '-1')
    : root.getAttribute('data-text-' + name + '-n').replace(/\d+/, String(n));
}

function setText(parent, selector, text) {
  const target = parent && parent.querySelector(selector);
  if (target) {
    target.textContent = text;
  }
}

function clause(id) {
  return document.getElementById('clause-' + id);
}

function amendment(id) {
  return document.getElementById('amendment-' + String(id).replace(/:/g, '-'));
}

function showNews() {
  if (notice) {
    notice.hidden = false;
  }
}

function addComment(event) {
  const section = clause(event.clause);
  if (!section || !event.comment || document.getElementById('comment-' + event.comment.id)) {
    return;
  }
  setText(section, '.comment-count', counted('comments', event.count));
  let list = section.querySelector('.clause-comments');
  if (!list) {
    list = element('ol', 'clause-comments');
    section.querySelector('.part-tools').after(list);
  }
  const item = element('li', 'clause-comment');
  item.id = 'comment-' + event.comment.id;
  item.appendChild(element('p', 'clause-comment-body', event.comment.body));
  const author = event.comment.author || {};
  // A person who closed their account is named nowhere, live catch-up included (their kept events lose the name).
  item.appendChild(element('p', 'muted', author.former ? root.getAttribute('data-text-former') : author.name || ''));
  list.appendChild(item);
  const label = section.querySelector('[id^="label-"]');
  announce(root.getAttribute('data-text-comment-new') + ' ' + (label ? label.textContent.trim() : ''));
}

const handlers = {
  comment: addComment,
  amendment: (event) => {
    if (typeof event.count === 'number') {
      setText(clause(event.clause), '.amendment-count', counted('amendments', event.count));
    }
    showNews();
  },
  support: (event) => setText(amendment(event.amendment), '.support-count', counted('supports', event.supports)),
  endorsement: (event) => {
    setText(amendment(event.amendment), '.endorsement-count', counted('endorsements', event.endorsementCount));
    showNews();
  },
  version: () => {
    if (versionNotice && versionNotice.hidden) {
      versionNotice.hidden = false;
      announce(versionNotice.textContent.replace(/\s+/g, ' ').trim());
    }
  }
};

if (root) {
  const id = root.getAttribute('data-consultation');
  let lastSeq = Number(root.getAttribute('data-seq')) || 0;

  const apply = (event) => {
    if (handlers[event.type]) {
      handlers[event.type](event);
    }
    lastSeq = event.seq;
  };

  const catchUp = () => getJson('/api/v1/consultations/' + encodeURIComponent(id) + '/events?since=' + lastSeq)
    .then((missed) => {
      if (!missed) {
        return;
      }
      (missed.events || []).filter((event) => event.seq > lastSeq).forEach(apply);
      if (!missed.complete) {
        showNews();
      }
    });

  follow('consultation.' + id, {
    onMessage: (event) => {
      if (!event || typeof event.seq !== 'number' || event.seq <= lastSeq) {
        return;
      }
      if (event.seq === lastSeq + 1) {
        apply(event);
      } else {
        catchUp();
      }
    },
    onResume: catchUp
  });
}
