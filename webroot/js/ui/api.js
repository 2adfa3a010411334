/*
 * Calls to the forum's JSON API (/api/v1) from the page, with the browser session.
 */

/** GET a JSON resource: its body, or null when the server does not answer 2xx. */
export function getJson(path) {
  return window.fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null));
}

/** The session's CSRF token, from the XSRF-TOKEN cookie. */
function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/** A call that may change something: carries the CSRF header; fails unless the server answers 2xx. */
export function request(method, path, body) {
  const options = { method: method, credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': csrfToken() } };
  if (body) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  return window.fetch(path, options).then((response) => {
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  });
}
