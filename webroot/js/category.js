/*
 * Category page (/c/{slug}): tells the reader that one of the listed threads has new activity, without reloading
 * by itself, and keeps the new-thread form's draft (forum/new-thread.js).
 *
 * The page is complete without this module. It follows forum.thread.{id} of each listed thread (live.js) and, on
 * any change, marks that thread's row and shows the notice with a link that reloads the list.
 */
import { follow } from './live.js';
import { newThreadForm } from './forum/new-thread.js';

newThreadForm(document.getElementById('new-thread-form'));

const notice = document.querySelector('[data-new-activity]');
if (notice) {
  document.querySelectorAll('tr[data-thread-id]').forEach((row) => {
    follow('forum.thread.' + row.getAttribute('data-thread-id'), {
      onMessage: (event) => {
        if (!event || typeof event.seq !== 'number') {
          return;
        }
        row.classList.add('has-news');
        notice.hidden = false;
      }
    });
  });
}
