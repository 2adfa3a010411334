/*
 * The reply form of a thread page (#reply-form): "Quote" buttons on the posts, @mention completion, and a draft
 * that survives a reload. Without JavaScript the form posts as usual.
 */
import { getJson } from '../ui/api.js';
import { forgetSentDraft, keepDraft } from '../ui/drafts.js';

/**
 * Sets up the reply form for the posts in section (#posts); returns addQuoteButton(article), for posts added to
 * the page later.
 */
export function replyForm(section, threadId) {
  const form = document.getElementById('reply-form');
  const replyBody = document.getElementById('reply-body');
  const replyQuote = document.getElementById('reply-quote');

  /** "Quote": the selected passage of the post (or all of it) goes into the reply as a Markdown quote. */
  function addQuoteButton(article) {
    if (!replyBody || !replyQuote || article.querySelector('.quote-button')) {
      return;
    }
    let actions = article.querySelector('.post-actions');
    if (!actions) {
      actions = document.createElement('footer');
      actions.className = 'post-actions';
      article.appendChild(actions);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button-quiet quote-button';
    button.textContent = section.getAttribute('data-text-quote') || 'Quote';
    button.addEventListener('click', () => {
      const body = article.querySelector('.post-body');
      const selection = window.getSelection ? String(window.getSelection()) : '';
      const text = selection && body && body.contains(window.getSelection().anchorNode) ? selection
        : (body ? body.textContent : '');
      const author = article.querySelector('.post-author');
      const quoted = text.trim().split('\n').map((line) => '> ' + line).join('\n');
      const attribution = author ? author.textContent + ':\n' : '';
      replyBody.value = (replyBody.value ? replyBody.value + '\n\n' : '') + attribution + quoted + '\n\n';
      replyQuote.value = article.id.replace(/^post-/, '');
      replyBody.focus();
    });
    actions.insertBefore(button, actions.firstChild);
  }

  section.querySelectorAll('article.post:not(.post-deleted)').forEach(addQuoteButton);
  completeMentions(replyBody, document.getElementById('mention-suggestions'));
  const draftKey = 'forum.draft.' + threadId;
  forgetSentDraft(draftKey);
  keepDraft(form, [replyBody], draftKey);
  return addQuoteButton;
}

/** @mention completion: typing "@ng" lists people the forum knows; choosing one completes the name. */
function completeMentions(replyBody, suggestions) {
  if (!replyBody || !suggestions) {
    return;
  }
  let timer = null;

  function mentionPrefix() {
    const before = replyBody.value.slice(0, replyBody.selectionStart);
    const match = /(^|\s)@([\w.\-]{1,40})$/.exec(before);
    return match ? match[2] : null;
  }

  function complete(username) {
    const caret = replyBody.selectionStart;
    const before = replyBody.value.slice(0, caret).replace(/@[\w.\-]{1,40}$/, '@' + username + ' ');
    replyBody.value = before + replyBody.value.slice(caret);
    replyBody.setSelectionRange(before.length, before.length);
    suggestions.hidden = true;
    replyBody.focus();
  }

  function suggest() {
    const prefix = mentionPrefix();
    if (!prefix) {
      suggestions.hidden = true;
      return;
    }
    getJson('/api/v1/people?q=' + encodeURIComponent(prefix)).then((found) => {
      suggestions.textContent = '';
      ((found && found.people) || []).forEach((person) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'mention-suggestion';
        button.setAttribute('data-username', person.username);
        button.textContent = '@' + person.username + (person.name ? ' · ' + person.name : '');
        button.addEventListener('click', () => complete(person.username));
        item.appendChild(button);
        suggestions.appendChild(item);
      });
      suggestions.hidden = !suggestions.firstChild;
    });
  }

  replyBody.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 150);
  });
}
