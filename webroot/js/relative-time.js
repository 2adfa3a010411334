/*
 * Relative times ("5 phút trước", "5 minutes ago") next to the exact times of posts, kept fresh every minute.
 * The exact time stays in the page; this only adds a hint beside each <time datetime> under [data-relative-times].
 */
(function (window, document) {
  'use strict';

  if (!window.Intl || !window.Intl.RelativeTimeFormat) {
    return;
  }
  var root = document.querySelector('[data-relative-times]');
  if (!root) {
    return;
  }
  var lang = root.getAttribute('data-lang') === 'en' ? 'en' : 'vi';
  var format = new window.Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  var steps = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600],
    ['minute', 60]];

  function relative(date) {
    var seconds = Math.round((date.getTime() - Date.now()) / 1000);
    for (var i = 0; i < steps.length; i++) {
      if (Math.abs(seconds) >= steps[i][1]) {
        return format.format(Math.round(seconds / steps[i][1]), steps[i][0]);
      }
    }
    return format.format(0, 'second');
  }

  function refresh() {
    Array.prototype.forEach.call(root.querySelectorAll('time[datetime]'), function (time) {
      var date = new Date(time.getAttribute('datetime'));
      if (isNaN(date.getTime())) {
        return;
      }
      var hint = time.parentNode.querySelector('.relative-time[data-for="' + time.getAttribute('datetime') + '"]');
      if (!hint) {
        hint = document.createElement('span');
        hint.className = 'relative-time muted';
        hint.setAttribute('data-for', time.getAttribute('datetime'));
        time.parentNode.insertBefore(hint, time.nextSibling);
      }
      hint.textContent = '(' + relative(date) + ')';
    });
  }

  window.ForumRelativeTimes = { refresh: refresh };
  refresh();
  window.setInterval(refresh, 60000);
}(window, document));
