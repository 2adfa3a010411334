/*
 * Announcements for screen readers: a visually hidden polite live region for what changed on the page.
 *
 *   import { announce } from './ui/announce.js';
 *   announce('Một câu hỏi mới đã được duyệt');
 *
 * The region is added when this module is first evaluated, as the page loads (modules run once the body is
 * parsed): screen readers only announce changes to regions they already know.
 */

const announcer = document.createElement('div');
announcer.className = 'visually-hidden';
announcer.setAttribute('data-live-announce', '');
announcer.setAttribute('aria-live', 'polite');
if (document.body) {
  document.body.appendChild(announcer);
}

/** Reads a message out politely (emptied first, so the same words twice are announced twice). */
export function announce(message) {
  announcer.textContent = '';
  window.setTimeout(() => { announcer.textContent = message; }, 50);
}
