/*
 * The new-thread form of a category page (#new-thread-form): its title and text survive a reload until the thread
 * is started. The draft is kept per category; the new thread's page forgets it. Without JavaScript the form posts
 * as usual.
 */
import { forgetSentDraft, keepDraft } from '../ui/drafts.js';

function draftKey(categorySlug) {
  return 'forum.draft.thread.' + categorySlug;
}

/** Keeps the draft of the new-thread form (its data-category names the category). */
export function newThreadForm(form) {
  if (!form) {
    return;
  }
  keepDraft(form, [document.getElementById('thread-title'), document.getElementById('thread-body')],
    draftKey(form.getAttribute('data-category')));
}

/** On a thread's page: the draft of a new thread in categorySlug is done if this thread is what it became. */
export function forgetNewThreadDraft(categorySlug, heading) {
  if (!categorySlug || !heading) {
    return;
  }
  const title = heading.textContent.trim();
  forgetSentDraft(draftKey(categorySlug), (fields) => String(fields['thread-title'] || '').trim() === title);
}
