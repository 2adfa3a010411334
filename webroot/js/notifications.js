/*
 * The notification counter in the page header, for signed-in people: the unread count when the page loads, then
 * live from the person's own address user.{id} (the server publishes the new count with every notification and
 * when they are marked read). Without JavaScript the header link to /notifications still works.
 */
import { follow } from './live.js';
import { getJson } from './ui/api.js';

const badge = document.querySelector('[data-notification-count]');
if (badge) {
  const show = (body) => {
    if (body && typeof body.unread === 'number') {
      badge.hidden = !(body.unread > 0);
      badge.textContent = body.unread > 0 ? String(body.unread) : '';
    }
  };
  const load = () => getJson('/api/v1/notifications').then(show);

  load();
  follow('user.' + badge.getAttribute('data-user-id'), { onMessage: show, onResume: load });
}
