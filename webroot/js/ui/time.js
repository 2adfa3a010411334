/*
 * Times written on the page as the server writes them (ui/relative-time.js adds "5 minutes ago" hints).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const clock = window.Intl ? new window.Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh', hourCycle: 'h23', hour: '2-digit', minute: '2-digit',
  day: '2-digit', month: '2-digit', year: 'numeric'
}) : null;

/** A time as the server writes it (web/I18n): "14:05, 29/09/2026" in Vietnamese, "29 Sep 2026, 14:05" in English. */
export function formatTime(value, lang) {
  const date = new Date(value);
  if (!clock || isNaN(date.getTime())) {
    return '';
  }
  const p = {};
  clock.formatToParts(date).forEach((part) => { p[part.type] = part.value; });
  const time = p.hour + ':' + p.minute;
  return lang === 'en' ? Number(p.day) + ' ' + MONTHS[Number(p.month) - 1] + ' ' + p.year + ', ' + time
    : time + ', ' + p.day + '/' + p.month + '/' + p.year;
}
