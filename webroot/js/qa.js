/*
 * Live workshop Q&A pages (/qa/{id}, /qa/{id}/moderate, /qa/{id}/present).
 *
 * The pages are complete without this file (plain forms with the CSRF field). With it, the page keeps a copy of
 * the session's questions, each with the seq of its last change, follows qa.session.{id} (or .mod for
 * moderators) through ForumLive, and after a reconnect asks the API for what changed since the last seq it saw.
 * A change is applied only when its seq is newer than the copy's, so replays and out-of-order frames are harmless;
 * that is also why a resume asks a little further back than strictly needed.
 */
(function (window, document) {
  'use strict';

  var RESUME_MARGIN = 50;
  var TOP_ON_PROJECTOR = 5;
  var PUBLIC = { approved: true, highlighted: true, answered: true };
  /**
   * What a moderator is offered for a question in each status (as in qa/moderator-question.hbs); hidden questions
   * are not listed. "reopen" is the API's approve, taking an answered question back to the open ones.
   */
  var ACTIONS = {
    pending: ['approve', 'hide'],
    approved: ['highlight', 'answer', 'hide'],
    highlighted: ['answer', 'hide'],
    answered: ['reopen', 'hide']
  };
  var API_ACTION = { reopen: 'approve' };

  var root = document.querySelector('[data-qa-session]');
  if (!root || !window.fetch) {
    return;
  }
  var sessionId = root.getAttribute('data-qa-session');
  var view = root.getAttribute('data-qa-view');
  var sort = root.getAttribute('data-qa-sort') || 'votes';
  var qaOpen = root.getAttribute('data-qa-open') === 'true';
  var signedIn = root.getAttribute('data-qa-signed-in') === 'true';
  var seq = Number(root.getAttribute('data-qa-seq')) || 0;
  var questions = {};
  var polls = {};
  var lang = document.documentElement.lang || 'vi';
  var timeFormat = { format: function (date) { return window.ForumLive ? window.ForumLive.formatTime(date, lang) : ''; } };

  function text(key) {
    return root.getAttribute('data-text-' + key) || key;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function api(method, path, body) {
    var options = { method: method, credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': csrfToken() } };
    if (body) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return window.fetch(path, options).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
  }

  function created(q) {
    var value = q.createdAt && q.createdAt.$date ? q.createdAt.$date : q.createdAt;
    return value ? new Date(value) : new Date(0);
  }

  /** Keeps the newest version of each question; personal marks (mine, voted) survive public frames. */
  function apply(q) {
    if (!q || q.type !== 'question') {
      return;
    }
    var known = questions[q.id];
    if (known && known.seq >= q.seq) {
      return;
    }
    if (known) {
      if (known.mine) {
        q.mine = true;
      }
      if (q.voted === undefined) {
        q.voted = known.voted;
      }
      if (q.text === undefined && q.status !== 'hidden') {
        q.text = known.text;
      }
    }
    questions[q.id] = q;
    seq = Math.max(seq, q.seq);
  }

  function load(since) {
    var path = '/api/v1/sessions/' + encodeURIComponent(sessionId) + '/questions' +
      (since === null ? '' : '?since=' + Math.max(0, since));
    return api('GET', path).then(function (answer) {
      answer.questions.forEach(apply);
      (answer.polls || []).forEach(applyPoll);
      showCounts(answer.counts);
      render();
    });
  }

  function byOrder(order) {
    return function (a, b) {
      if (order === 'votes' && b.votes !== a.votes) {
        return b.votes - a.votes;
      }
      return order === 'votes' ? created(a) - created(b) : created(b) - created(a);
    };
  }

  function select(test, order, limit) {
    var list = Object.keys(questions).map(function (id) { return questions[id]; }).filter(test);
    list.sort(byOrder(order));
    return limit ? list.slice(0, limit) : list;
  }

  function lists() {
    var has = function (status) { return function (q) { return q.status === status; }; };
    if (view === 'moderate') {
      return {
        pending: select(has('pending'), 'time'),
        live: select(has('highlighted'), 'votes').concat(select(has('approved'), 'votes')),
        answered: select(has('answered'), 'votes')
      };
    }
    if (view === 'present') {
      return { highlighted: select(has('highlighted'), 'votes', 1), top: select(has('approved'), 'votes', TOP_ON_PROJECTOR) };
    }
    return {
      highlighted: select(has('highlighted'), sort),
      mine: select(function (q) { return q.status === 'pending' && q.mine; }, 'time'),
      open: select(has('approved'), sort),
      answered: select(has('answered'), sort)
    };
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  function button(label, className, onClick) {
    var node = element('button', className, label);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  function vote(q) {
    api(q.voted ? 'DELETE' : 'POST', '/api/v1/questions/' + encodeURIComponent(q.id) + '/vote').then(function (answer) {
      q.votes = answer.votes;
      q.voted = answer.voted;
      render();
    }, failed);
  }

  function moderate(q, action, item) {
    var body = { action: action };
    var reason = item.querySelector('input[name=reason]');
    var edited = item.querySelector('textarea[name=text]');
    if (reason && reason.value.trim()) {
      body.reason = reason.value.trim();
    }
    if (action === 'approve' && edited && edited.value.trim()) {
      body.text = edited.value.trim();
    }
    api('POST', '/api/v1/questions/' + encodeURIComponent(q.id) + '/moderate', body).then(function (answer) {
      apply(answer);
      render();
    }, failed);
  }

  function item(q) {
    var li = element('li', 'qa-question status-' + q.status);
    li.id = 'q-' + q.id;
    li.setAttribute('data-id', q.id);
    li.setAttribute('data-rev', revision(q));
    var votes = element('div', 'qa-votes');
    votes.appendChild(element('span', 'qa-vote-count', String(q.votes)));
    votes.appendChild(document.createTextNode(' '));
    votes.appendChild(element('span', 'qa-vote-label', text('votes')));
    if (view === 'attendee' && signedIn && qaOpen && !q.mine && PUBLIC[q.status]) {
      var toggle = button(q.voted ? text('unvote') : text('vote'), q.voted ? 'button button-quiet' : 'button',
        function () { vote(q); });
      toggle.setAttribute('aria-pressed', q.voted ? 'true' : 'false');
      votes.appendChild(toggle);
    }
    li.appendChild(votes);
    var body = element('div', 'qa-body');
    body.appendChild(element('p', 'qa-text', q.text || ''));
    var who = q.anonymous ? text('anonymous') : (q.author && q.author.name) || '';
    if (view === 'moderate' && q.author && q.author.name) {
      who = q.author.name + (q.anonymous ? ' (' + text('anonymous') + ')' : '');
    }
    var org = q.author && q.author.organisation;
    if (org && (!q.anonymous || view === 'moderate')) {
      who += q.onBehalf ? ', ' + text('on-behalf') + ' ' : ' · ';
    }
    var meta = element('p', 'qa-meta', who);
    if (org && (!q.anonymous || view === 'moderate')) {
      meta.appendChild(element('span', 'qa-org', localised(org.name)));
      if (org.verified) {
        meta.appendChild(document.createTextNode(' '));
        meta.appendChild(element('span', 'qa-verified', '✓ ' + text('verified')));
      }
    }
    meta.appendChild(document.createTextNode(' · ' + timeFormat.format(created(q))));
    if (q.status === 'pending') {
      meta.appendChild(document.createTextNode(' · '));
      meta.appendChild(element('strong', 'qa-badge', text('waiting')));
    }
    body.appendChild(meta);
    if (view === 'moderate') {
      body.appendChild(moderatorTools(q, li));
    }
    li.appendChild(body);
    return li;
  }

  function moderatorTools(q, li) {
    var tools = element('div', 'qa-mod-form');
    if (q.status === 'pending') {
      var edit = element('label', null, text('edit') + ' ');
      var area = element('textarea');
      area.name = 'text';
      area.rows = 2;
      area.maxLength = 500;
      edit.appendChild(area);
      tools.appendChild(edit);
    }
    var reasonLabel = element('label', null, text('reason') + ' ');
    var reason = element('input');
    reason.name = 'reason';
    reason.maxLength = 300;
    reasonLabel.appendChild(reason);
    tools.appendChild(reasonLabel);
    var actions = element('span', 'qa-actions');
    (ACTIONS[q.status] || []).forEach(function (action) {
      var className = action === 'approve' ? 'button' : 'button button-quiet';
      actions.appendChild(button(text(action), className, function () {
        moderate(q, API_ACTION[action] || action, li);
      })).setAttribute('data-action', action);
    });
    tools.appendChild(actions);
    return tools;
  }

  function revision(q) {
    return q.seq + ':' + q.votes + ':' + (q.voted ? 1 : 0) + ':' + (qaOpen ? 1 : 0);
  }

  /** Puts each list in order, reusing unchanged items (so a moderator's half-typed reason survives updates). */
  function render() {
    var wanted = lists();
    Object.keys(wanted).forEach(function (name) {
      var list = root.querySelector('[data-list="' + name + '"]');
      if (!list) {
        return;
      }
      var existing = {};
      Array.prototype.forEach.call(list.children, function (child) {
        existing[child.getAttribute('data-id')] = child;
      });
      var nodes = wanted[name].map(function (q) {
        var node = existing[q.id];
        return node && node.getAttribute('data-rev') === revision(q) ? node : item(q);
      });
      if (!nodes.length && name === 'open') {
        nodes.push(existing[null] || element('li', 'qa-empty', text('empty')));
      }
      Array.prototype.slice.call(list.children).forEach(function (child) {
        if (nodes.indexOf(child) < 0) {
          list.removeChild(child);
        }
      });
      nodes.forEach(function (node, index) {
        if (list.children[index] !== node) {
          list.insertBefore(node, list.children[index] || null);
        }
      });
    });
  }

  /** The transparency counters: questions waiting, hidden, and the reasons given. */
  function showCounts(counts) {
    if (!counts) {
      return;
    }
    ['pending', 'hidden'].forEach(function (name) {
      var node = root.querySelector('[data-count="' + name + '"]');
      if (node) {
        node.textContent = String(counts[name]);
      }
    });
    var reasons = root.querySelector('[data-reasons]');
    if (reasons && counts.reasons) {
      while (reasons.firstChild) {
        reasons.removeChild(reasons.firstChild);
      }
      counts.reasons.forEach(function (entry) {
        reasons.appendChild(element('li', null, (entry.reason || text('no-reason')) + ': ' + entry.count));
      });
    }
  }

  function localised(field) {
    if (!field) {
      return '';
    }
    return (lang === 'en' ? field.en || field.vi : field.vi || field.en) || '';
  }

  /** Keeps the newest version of each poll and shows its results; a vote form rendered by the server stays. */
  function applyPoll(poll) {
    var known = polls[poll.id];
    if (known && known.seq >= poll.seq) {
      return;
    }
    polls[poll.id] = poll;
    seq = Math.max(seq, poll.seq);
    var list = root.querySelector('[data-polls]');
    if (!list) {
      return;
    }
    var node = document.getElementById('poll-' + poll.id);
    if (!node) {
      node = pollItem(poll, list);
      list.insertBefore(node, list.firstChild);
    }
    poll.options.forEach(function (option) {
      var row = node.querySelector('[data-option="' + option.index + '"]');
      if (!row) {
        return;
      }
      row.querySelector('[data-votes]').textContent = String(option.votes);
      row.querySelector('[data-percent]').textContent = String(option.percent);
      row.querySelector('.qa-poll-bar span').style.width = option.percent + '%';
    });
    node.querySelector('[data-voters]').textContent = String(poll.voters);
    if (!poll.open) {
      node.classList.add('qa-poll-closed');
      ['.qa-poll-form', '[data-poll-close]'].forEach(function (selector) {
        var form = node.querySelector(selector);
        if (form) {
          form.parentNode.removeChild(form);
        }
      });
      if (!node.querySelector('[data-poll-closed]')) {
        var badge = element('span', 'qa-badge', list.getAttribute('data-text-closed'));
        badge.setAttribute('data-poll-closed', '');
        node.querySelector('.qa-poll-question').appendChild(badge);
      }
    }
  }

  /** A poll that started after the page loaded: its results (attendees vote with the form after a reload). */
  function pollItem(poll, list) {
    var li = element('li', 'qa-poll');
    li.id = 'poll-' + poll.id;
    li.setAttribute('data-poll', poll.id);
    li.appendChild(element('h3', 'qa-poll-question', localised(poll.question)));
    if (view === 'attendee' && signedIn && poll.open) {
      var token = root.querySelector('input[name=_csrf]');
      var form = element('form', 'qa-poll-form');
      form.method = 'post';
      form.action = '/qa/' + encodeURIComponent(sessionId) + '/polls/' + encodeURIComponent(poll.id) + '/vote';
      if (token) {
        var hidden = element('input');
        hidden.type = 'hidden';
        hidden.name = '_csrf';
        hidden.value = token.value;
        form.appendChild(hidden);
      }
      poll.options.forEach(function (option) {
        var label = element('label');
        var input = element('input');
        input.type = poll.multiple ? 'checkbox' : 'radio';
        input.name = 'choice';
        input.value = String(option.index);
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + localised(option.text)));
        var p = element('p');
        p.appendChild(label);
        form.appendChild(p);
      });
      var submit = element('button', 'button', text('poll-vote'));
      submit.type = 'submit';
      form.appendChild(submit);
      li.appendChild(form);
    }
    var results = element('ul', 'qa-poll-results');
    poll.options.forEach(function (option) {
      var row = element('li');
      row.setAttribute('data-option', String(option.index));
      row.appendChild(element('span', 'qa-poll-option', localised(option.text)));
      var bar = element('span', 'qa-poll-bar');
      bar.appendChild(element('span'));
      row.appendChild(bar);
      var votes = element('strong', null, '0');
      votes.setAttribute('data-votes', '');
      row.appendChild(votes);
      var share = element('span', 'muted');
      share.appendChild(document.createTextNode(' ('));
      var percent = element('span', null, '0');
      percent.setAttribute('data-percent', '');
      share.appendChild(percent);
      share.appendChild(document.createTextNode('%)'));
      row.appendChild(share);
      results.appendChild(row);
    });
    li.appendChild(results);
    var footer = element('p', 'muted');
    var voters = element('span', null, '0');
    voters.setAttribute('data-voters', '');
    footer.appendChild(voters);
    footer.appendChild(document.createTextNode(' ' + list.getAttribute('data-text-voters')));
    li.appendChild(footer);
    return li;
  }

  function onMessage(body) {
    if (body && body.type === 'poll') {
      applyPoll(body);
      return;
    }
    if (body && body.type === 'followers') {
      var followers = root.querySelector('[data-followers]');
      if (followers) {
        followers.textContent = String(body.count);
      }
      return;
    }
    if (body && body.type === 'counts') {
      showCounts(body);
      return;
    }
    if (body && body.type === 'session') {
      qaOpen = body.qaOpen;
      seq = Math.max(seq, body.seq);
      render();
      return;
    }
    var before = body && questions[body.id] ? questions[body.id].status : null;
    apply(body);
    render();
    announceChange(before, body);
  }

  /** Tells screen-reader users, politely, what changed in the lists (votes alone are not worth interrupting for). */
  function announceChange(before, body) {
    var q = body && questions[body.id];
    if (!q || q.status === before || !window.ForumLive || !window.ForumLive.announce) {
      return;
    }
    var key = { pending: 'announce-pending', approved: 'announce-approved', highlighted: 'announce-highlighted',
      answered: 'announce-answered' }[q.status];
    if (key && (q.status !== 'pending' || view === 'moderate')) {
      window.ForumLive.announce(text(key).replace('{0}', q.text || ''));
    }
  }

  /** An action that did not go through: said on the page, in the page's language, and the lists reloaded. */
  function failed() {
    var notice = root.querySelector('[data-qa-error]');
    if (notice) {
      notice.textContent = text('error');
      notice.hidden = false;
    }
    return load(seq - RESUME_MARGIN);
  }

  var address = view === 'moderate' ? 'qa.session.' + sessionId + '.mod' : 'qa.session.' + sessionId;
  if (window.ForumLive) {
    window.ForumLive.follow(address, {
      onMessage: onMessage,
      onResume: function () { return load(seq - RESUME_MARGIN); }
    });
  }
  load(null);
}(window, document));
