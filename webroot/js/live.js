/*
 * Live updates for NGO Forum pages, over the Vert.x SockJS event-bus bridge at /eventbus.
 *
 * Pages work without this file; it only adds what changes while the page is open. Usage:
 *
 *   ForumLive.follow('forum.thread.42', {
 *     onMessage: function (body) { ... },          // a pushed change
 *     onResume: function () { ... }                // after a reconnect: fetch what was missed ("since seq")
 *   });
 *
 * The connection retries with growing pauses (1 s to 30 s, with jitter) and SockJS falls back from WebSocket
 * to streaming and polling on networks that block WebSockets. An element with [data-live-status] shows
 * "live" / "reconnecting…" / "catching up" (texts from its data-text-* attributes, so they follow the page's
 * language), and is also a polite ARIA live region. It stays hidden on pages that follow nothing.
 *
 *   ForumLive.announce('Một câu hỏi mới đã được duyệt');  // read out politely by screen readers
 */
(function (window, document) {
  'use strict';

  var PING_MILLIS = 5000;
  var MIN_RETRY_MILLIS = 1000;
  var MAX_RETRY_MILLIS = 30000;

  var socket = null;
  var pingTimer = null;
  var retryMillis = MIN_RETRY_MILLIS;
  var connectedBefore = false;
  var followers = {};

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

  function onOpen() {
    var resumed = connectedBefore;
    connectedBefore = true;
    retryMillis = MIN_RETRY_MILLIS;
    Object.keys(followers).forEach(register);
    pingTimer = window.setInterval(function () { send({ type: 'ping' }); }, PING_MILLIS);
    if (!resumed) {
      showStatus('live');
      return;
    }
    showStatus('catching-up');
    var pending = [];
    Object.keys(followers).forEach(function (address) {
      followers[address].forEach(function (handlers) {
        if (handlers.onResume) {
          pending.push(Promise.resolve().then(handlers.onResume));
        }
      });
    });
    Promise.all(pending).then(function () { showStatus('live'); }, function () { showStatus('live'); });
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
    } else if (frame.type === 'err' && window.console) {
      window.console.warn('Live updates refused for', frame.address, frame.body);
    }
  }

  function onClose() {
    window.clearInterval(pingTimer);
    socket = null;
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
