/*
 * Live updates for NGO Forum pages, over the Vert.x SockJS event-bus bridge at /eventbus.
 *
 * Pages work without this file; it only adds what changes while the page is open. Usage:
 *
 *   ForumLive.follow('forum.thread.42', {
 *     onMessage: function (body) { ... },          // a pushed change
 *     onResume: function (info) { ... }            // fetch what was missed ("since seq"); may return a Promise
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
 *   ForumLive.announce('Một câu hỏi mới đã được duyệt');  // read out politely by screen readers
 */
(function (window, document) {
  'use strict';

  var PING_MILLIS = 10000;
  var MIN_RETRY_MILLIS = 1000;
  var MAX_RETRY_MILLIS = 30000;

  /** A server that never confirms registrations (an older node mid-upgrade) still gets the catch-up after this. */
  var CONFIRM_TIMEOUT_MILLIS = 5000;
  /** After the server could not check access again, the page asks to follow again after this. */
  var RECHECK_RETRY_MILLIS = 5000;

  var socket = null;
  var pingTimer = null;
  var confirmTimer = null;
  var retryMillis = MIN_RETRY_MILLIS;
  var connectedBefore = false;
  var followers = {};
  /** The addresses whose registration on the current connection the server has confirmed. */
  var confirmed = {};
  var firstConnection = true;
  var catchingUp = 0;

  function statusElement() {
    return document.querySelector('[data-live-status]');
  }

  function showStatus(state) {
    var element = statusElement();
    if (!element) {
      return;
    }
    element.hidden = false;
    element.setAttribute('data-state', state);
    element.textContent = element.getAttribute('data-text-' + state) || state;
  }

  /**
   * A visually hidden polite live region for what changed on the page. It exists from the start (this script is
   * deferred, so the body is there): screen readers only announce changes to regions they already know.
   */
  var announcer = document.createElement('div');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('data-live-announce', '');
  announcer.setAttribute('aria-live', 'polite');
  if (document.body) {
    document.body.appendChild(announcer);
  }

  function announce(message) {
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = message; }, 50);
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
      window.setTimeout(function () {
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
    pingTimer = window.setInterval(function () { send({ type: 'ping' }); }, PING_MILLIS);
    confirmTimer = window.setTimeout(function () {
      Object.keys(followers).forEach(onRegistered);
    }, CONFIRM_TIMEOUT_MILLIS);
  }

  /** The server follows the address for this page now: fetch what may have been missed until then. */
  function onRegistered(address) {
    if (confirmed[address] || !followers[address]) {
      return;
    }
    confirmed[address] = true;
    catchingUp++;
    var info = { first: firstConnection };
    var pending = followers[address].filter(function (handlers) { return handlers.onResume; })
      .map(function (handlers) { return Promise.resolve(info).then(handlers.onResume); });
    var done = function () {
      catchingUp--;
      if (catchingUp === 0 && socket && Object.keys(followers).length > 0) {
        showStatus('live');
      }
    };
    Promise.all(pending).then(done, done);
  }

  function onMessage(event) {
    var frame;
    try {
      frame = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (frame.type === 'rec' && followers[frame.address]) {
      followers[frame.address].forEach(function (handlers) { handlers.onMessage(frame.body); });
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
    var delay = retryMillis / 2 + Math.random() * retryMillis / 2;
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

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var clock = window.Intl ? new window.Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', hourCycle: 'h23', hour: '2-digit', minute: '2-digit',
    day: '2-digit', month: '2-digit', year: 'numeric'
  }) : null;

  /** A time as the server writes it (web/I18n): "14:05, 29/09/2026" in Vietnamese, "29 Sep 2026, 14:05" in English. */
  function formatTime(value, lang) {
    var date = new Date(value);
    if (!clock || isNaN(date.getTime())) {
      return '';
    }
    var p = {};
    clock.formatToParts(date).forEach(function (part) { p[part.type] = part.value; });
    var time = p.hour + ':' + p.minute;
    return lang === 'en' ? Number(p.day) + ' ' + MONTHS[Number(p.month) - 1] + ' ' + p.year + ', ' + time
      : time + ', ' + p.day + '/' + p.month + '/' + p.year;
  }

  window.ForumLive = {
    follow: function (address, handlers) {
      if (!followers[address]) {
        followers[address] = [];
        register(address);
      }
      followers[address].push(handlers);
      if (!socket) {
        showStatus('offline');
      }
      connect();
    },
    announce: announce,
    formatTime: formatTime
  };
}(window, document));
