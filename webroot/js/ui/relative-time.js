/*
 * Relative times ("5 phút trước", "5 minutes ago") next to the exact times of posts, kept fresh every minute.
 * The exact time stays in the page; this only adds a hint beside each <time datetime>.
 */

const STEPS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600],
  ['minute', 60]];

/**
 * Adds a relative hint beside each <time datetime> under root (an element with [data-relative-times], whose
 * data-lang says the language) and keeps the hints fresh every minute. The exact time stays in the page.
 * Returns the function that refreshes them (for times added later); it does nothing where the browser cannot
 * format relative times.
 */
export function showRelativeTimes(root) {
  if (!window.Intl || !window.Intl.RelativeTimeFormat || !root) {
    return () => {};
  }
  const lang = root.getAttribute('data-lang') === 'en' ? 'en' : 'vi';
  const format = new window.Intl.RelativeTimeFormat(lang, { numeric: 'auto' });

  const relative = (date) => {
    const seconds = Math.round((date.getTime() - Date.now()) / 1000);
    for (const [unit, length] of STEPS) {
      if (Math.abs(seconds) >= length) {
        return format.format(Math.round(seconds / length), unit);
      }
    }
    return format.format(0, 'second');
  };

  const refresh = () => {
    root.querySelectorAll('time[datetime]').forEach((time) => {
      const date = new Date(time.getAttribute('datetime'));
      if (isNaN(date.getTime())) {
        return;
      }
      let hint = time.parentNode.querySelector('.relative-time[data-for="' + time.getAttribute('datetime') + '"]');
      if (!hint) {
        hint = document.createElement('span');
        hint.className = 'relative-time muted';
        hint.setAttribute('data-for', time.getAttribute('datetime'));
        time.parentNode.insertBefore(hint, time.nextSibling);
      }
      hint.textContent = '(' + relative(date) + ')';
    });
  };

  refresh();
  window.setInterval(refresh, 60000);
  return refresh;
}
