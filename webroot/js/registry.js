/*
 * NGO registry, profile page of an organisation: tells its admins, while the page is open, that someone has
 * asked to join (the list itself is server-rendered: reloading shows the request with its buttons).
 *
 * Reads everything from data- attributes of #live-requests (no inline script: the CSP forbids it).
 */
(function (window, document) {
  'use strict';

  var notice = document.getElementById('live-requests');
  if (!notice || !window.ForumLive) {
    return;
  }
  var org = notice.getAttribute('data-org');
  var user = notice.getAttribute('data-user');
  var template = notice.getAttribute('data-text-new');

  window.ForumLive.follow('user.' + user, {
    onMessage: function (body) {
      if (!body || body.type !== 'org.join_request' || body.org !== org) {
        return;
      }
      notice.textContent = '';
      var text = document.createElement('span');
      text.textContent = template.replace('{0}', body.name || '');
      var reload = document.createElement('a');
      reload.href = window.location.pathname + '#pending-title';
      reload.textContent = notice.getAttribute('data-text-reload');
      reload.addEventListener('click', function (event) {
        event.preventDefault();
        window.location.reload();
      });
      notice.appendChild(text);
      notice.appendChild(document.createTextNode(' '));
      notice.appendChild(reload);
      notice.hidden = false;
    },
    onResume: function (info) {
      if (info && info.first) {
        return;
      }
      notice.hidden = false;
      notice.textContent = notice.getAttribute('data-text-resume');
    }
  });
}(window, document));
