/*
 * The notification counter in the page header, for signed-in people: the unread count when the page loads, then
 * live from the person's own address user.{id} (the server publishes the new count with every notification and
 * when they are marked read). Without JavaScript the header link to /notifications still works.
 */
(function (window, document) {
  'use strict';

  var badge = document.querySelector('[data-notification-count]');
  if (!badge || !window.ForumLive) {
    return;
  }

  function show(unread) {
    badge.hidden = !(unread > 0);
    badge.textContent = unread > 0 ? String(unread) : '';
  }

  function load() {
    return window.fetch('/api/v1/notifications', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && typeof body.unread === 'number') {
          show(body.unread);
        }
      });
  }

  load();
  window.ForumLive.follow('user.' + badge.getAttribute('data-user-id'), {
    onMessage: function (body) {
      if (body && typeof body.unread === 'number') {
        show(body.unread);
      }
    },
    onResume: load
  });
}(window, document));
