/*
 * Category page: tells the reader that one of the listed threads has new activity, without reloading by itself.
 *
 * The page is complete without this file. It follows forum.thread.{id} of each listed thread (live.js) and, on
 * any change, marks that thread's row and shows the notice with a link that reloads the list.
 */
(function (window, document) {
  'use strict';

  var notice = document.querySelector('[data-new-activity]');
  var rows = document.querySelectorAll('tr[data-thread-id]');
  if (!notice || !rows.length || !window.ForumLive) {
    return;
  }
  Array.prototype.forEach.call(rows, function (row) {
    window.ForumLive.follow('forum.thread.' + row.getAttribute('data-thread-id'), {
      onMessage: function (event) {
        if (!event || typeof event.seq !== 'number') {
          return;
        }
        row.classList.add('has-news');
        notice.hidden = false;
      }
    });
  });
}(window, document));
