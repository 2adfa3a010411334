/*
 * The live connection of a page: one client of the Vert.x SockJS event-bus bridge at /eventbus, shared by every
 * module of the page that imports it (a module is evaluated once per page).
 *
 * Pages work without it; it only adds what changes while the page is open. Usage:
 *
 *   import { follow } from './live.js';
 *   follow('forum.thread.42', {
 *     onMessage: (body) => { ... },          // a pushed change
 *     onResume: (info) => { ... }            // fetch what was missed ("since seq"); may return a Promise
 *   });
 *
 * onResume runs each time the server confirms that the address is followed ({"type":"registered"}): after a
 * reconnect, and once after the page loads too (info.first is then true), for what changed between the page
 * being rendered and the live connection being in place. Asked any earlier, a change made in between would reach
 * the page by neither path.
 *
 * The connection retries with growing pauses (1 s to 30 s, with jitter) and SockJS falls back from WebSocket
 * to streaming and polling on networks that block WebSockets. An element with [data-live-status] shows
 * "live" / "reconnecting…" / "catching up" (texts from its data-text-* attributes, so they follow the page's
 * language), and is also a polite ARIA live region. It stays hidden on pages that follow nothing.
 *
 * The server checks again who may follow an address when access changes (a thread moved into a members-only
 * category, a membership ended, signing out): an address this page may no longer follow is dropped with
 * {"type":"revoked","address":...,"reason":...}. The page then stops following it and says so ("revoked", or
 * "signed-out"); when the server could not check ("unavailable") it asks again a little later.
 *
 * SockJS itself is the vendor's classic script (partials/live-scripts.hbs), loaded before any module runs.
 */

const PING_MILLIS = 10000;
const MIN_RETRY_MILLIS = 1000;
const MAX_RETRY_MILLIS = 30000;

/** A server that never confirms registrations (an older node mid-upgrade) still gets the catch-up after this. */
const CONFIRM_TIMEOUT_MILLIS = 5000;
/** After the server could not check access again, the page asks to follow again after this. */
const RECHECK_RETRY_MILLIS = 5000;

let socket = null;
let pingTimer = null;
let confirmTimer = null;
let retryMillis = MIN_RETRY_MILLIS;
let connectedBefore = false;
/** Address → the handlers of the modules that follow it. */
const followers = {};
/** The addresses whose registration on the current connection the server has confirmed. */
let confirmed = {};
let firstConnection = true;
let catchingUp = 0;

function showStatus(state) {
  const element = document.querySelector('[data-live-status]');
  if (!element) {
    return;
  }
  element.hidden = false;
  element.setAttribute('data-state', state);
  element.textContent = element.getAttribute('data-text-' + state) || state;
}

function send(frame) {
  if (socket && socket.readyState === 1) {
    socket.send(JSON.stringify(frame));
  }
}

function register(address) {
  send({ type: 'register', address: address, headers: {} });
}

/** The server dropped this page's registration of an address: stop following it and say why. */
function onRevoked(address, reason) {
  if (!followers[address]) {
    return;
  }
  delete confirmed[address];
  send({ type: 'unregister', address: address, headers: {} });
  if (reason === 'unavailable') {
    window.setTimeout(() => {
      if (followers[address]) {
        register(address);
      }
    }, RECHECK_RETRY_MILLIS);
    return;
  }
  delete followers[address];
  showStatus(reason === 'signed-out' ? 'signed-out' : 'revoked');
}

function onOpen() {
  retryMillis = MIN_RETRY_MILLIS;
  confirmed = {};
  firstConnection = !connectedBefore;
  showStatus(connectedBefore ? 'catching-up' : 'live');
  connectedBefore = true;
  Object.keys(followers).forEach(register);
  pingTimer = window.setInterval(() => send({ type: 'ping' }), PING_MILLIS);
  confirmTimer = window.setTimeout(() => Object.keys(followers).forEach(onRegistered), CONFIRM_TIMEOUT_MILLIS);
}

/** The server follows the address for this page now: fetch what may have been missed until then. */
function onRegistered(address) {
  if (confirmed[address] || !followers[address]) {
    return;
  }
  confirmed[address] = true;
  catchingUp++;
  const info = { first: firstConnection };
  const pending = followers[address].filter((handlers) => handlers.onResume)
    .map((handlers) => Promise.resolve(info).then(handlers.onResume));
  const done = () => {
    catchingUp--;
    if (catchingUp === 0 && socket && Object.keys(followers).length > 0) {
      showStatus('live');
    }
  };
  Promise.all(pending).then(done, done);
}

function onMessage(event) {
  let frame;
  try {
    frame = JSON.parse(event.data);
  } catch (e) {
    return;
  }
  if (frame.type === 'rec' && followers[frame.address]) {
    followers[frame.address].forEach((handlers) => handlers.onMessage(frame.body));
  } else if (frame.type === 'registered') {
    onRegistered(frame.address);
  } else if (frame.type === 'revoked') {
    onRevoked(frame.address, frame.reason);
  } else if (frame.type === 'err' && window.console) {
    window.console.warn('Live updates refused for', frame.address, frame.body);
  }
}

function onClose() {
  window.clearInterval(pingTimer);
  window.clearTimeout(confirmTimer);
  socket = null;
  if (Object.keys(followers).length === 0) {
    // Nothing left to follow (every address was revoked): the status says why; no need to come back.
    return;
  }
  showStatus('reconnecting');
  const delay = retryMillis / 2 + Math.random() * retryMillis / 2;
  retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
  window.setTimeout(connect, delay);
}

function connect() {
  if (socket || typeof window.SockJS !== 'function') {
    return;
  }
  socket = new window.SockJS('/eventbus');
  socket.onopen = onOpen;
  socket.onmessage = onMessage;
  socket.onclose = onClose;
}

/** Follows an address: handlers.onMessage(body) for each change, handlers.onResume(info) to catch up. */
export function follow(address, handlers) {
  if (!followers[address]) {
    followers[address] = [];
    register(address);
  }
  followers[address].push(handlers);
  if (!socket) {
    showStatus('offline');
  }
  connect();
}
