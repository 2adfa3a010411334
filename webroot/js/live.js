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
 * language), and is also a polite ARIA live region.
 */
(function (window, document) {
  'use strict';

  var PING_MILLIS = 10000;
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

  window.ForumLive = {
    follow: function (address, handlers) {
      if (!followers[address]) {
        followers[address] = [];
        register(address);
      }
      followers[address].push(handlers);
      connect();
    }
  };
}(window, document));
