/*
 * NGO registry, profile page of an organisation: tells its admins, while the page is open, that someone has
 * asked to join (the list itself is server-rendered: reloading shows the request with its buttons).
 *
 * Reads everything from data- attributes of #live-requests (no inline script: the CSP forbids it), and follows
 * the admin's own address user.{id} over the live connection (live.js).
 */
import { follow } from './live.js';

const notice = document.getElementById('live-requests');
if (notice) {
  const org = notice.getAttribute('data-org');
  const template = notice.getAttribute('data-text-new');

  follow('user.' + notice.getAttribute('data-user'), {
    onMessage: (body) => {
      if (!body || body.type !== 'org.join_request' || body.org !== org) {
        return;
      }
      notice.textContent = '';
      const text = document.createElement('span');
      text.textContent = template.replace('{0}', body.name || '');
      const reload = document.createElement('a');
      reload.href = window.location.pathname + '#pending-title';
      reload.textContent = notice.getAttribute('data-text-reload');
      reload.addEventListener('click', (event) => {
        event.preventDefault();
        window.location.reload();
      });
      notice.appendChild(text);
      notice.appendChild(document.createTextNode(' '));
      notice.appendChild(reload);
      notice.hidden = false;
    },
    onResume: (info) => {
      if (info && info.first) {
        return;
      }
      notice.hidden = false;
      notice.textContent = notice.getAttribute('data-text-resume');
    }
  });
}
