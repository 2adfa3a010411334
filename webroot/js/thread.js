/*
 * Thread page: new replies appear without a reload, and a reply draft survives one.
 *
 * The page is complete without this file. On the thread's last page it follows forum.thread.{id} over the
 * event-bus bridge (live.js); each event carries the thread's sequence number. A new post is added, new reaction
 * counts are shown, a changed post (edited, deleted, hidden) is replaced, none is added twice, and after a reconnect
 * (or a number missed) the page asks the server for everything since the last number it saw.
 * Post HTML comes from the server, where it was sanitised when the post was written; names and times are set as
 * text. A post added live gets the reactions and actions the server would have rendered for this reader, from a
 * template the server rendered with the page (#live-post-tools), and a quote button like the others.
 */
(function (window, document) {
  'use strict';

  var posts = document.getElementById('posts');
  if (!posts) {
    return;
  }
  var threadId = posts.getAttribute('data-thread-id');
  var lastSeq = Number(posts.getAttribute('data-seq')) || 0;
  var lang = posts.getAttribute('data-lang') || 'vi';
  var timeFormat = { format: function (date) { return window.ForumLive ? window.ForumLive.formatTime(date, lang) : ''; } };

  function showBody(article, post) {
    var old = article.querySelector('.post-body');
    var flag = article.querySelector('.post-flag');
    if (flag) {
      flag.parentNode.removeChild(flag);
    }
    var body = document.createElement(post.deleted || !post.html ? 'p' : 'div');
    body.className = 'post-body';
    if (post.deleted) {
      body.className += ' muted';
      body.textContent = posts.getAttribute('data-text-deleted') || '';
    } else if (!post.html) {
      body.className += ' muted';
      body.textContent = posts.getAttribute('data-text-hidden') || '';
    } else {
      body.innerHTML = post.html; // sanitised on the server when the post was written
    }
    if (old) {
      article.replaceChild(body, old);
    } else {
      article.appendChild(body);
    }
  }

  function showReactions(article, post) {
    (post.reactions || []).forEach(function (reaction) {
      var input = article.querySelector('.reactions input[name="reaction"][value="' + reaction.name + '"]');
      var count = input && input.form ? input.form.querySelector('.count') : null;
      if (count) {
        count.textContent = String(reaction.count);
      }
    });
  }

  function organisationLink(org, className) {
    var link = document.createElement('a');
    if (className) {
      link.className = className;
    }
    link.href = '/orgs/' + encodeURIComponent(org.slug);
    var name = org.name || {};
    link.textContent = (lang === 'en' ? name.en || name.vi : name.vi || name.en) || org.slug;
    return link;
  }

  /** The files of a post added live: images as thumbnails, every file as a download link. */
  function showAttachments(article, post) {
    if (!post.attachments || !post.attachments.length) {
      return;
    }
    var list = document.createElement('ul');
    list.className = 'attachments';
    post.attachments.forEach(function (file) {
      var item = document.createElement('li');
      item.className = 'attachment';
      if (file.image && file.inlineUrl) {
        var imageLink = document.createElement('a');
        imageLink.href = file.url;
        var image = document.createElement('img');
        image.className = 'attachment-thumb';
        image.src = file.inlineUrl;
        image.alt = file.name;
        imageLink.appendChild(image);
        item.appendChild(imageLink);
      }
      var download = document.createElement('a');
      download.href = file.url;
      download.setAttribute('download', '');
      download.textContent = file.name;
      item.appendChild(download);
      list.appendChild(item);
    });
    article.appendChild(list);
  }

  var tools = document.getElementById('live-post-tools');

  /**
   * Gives a post added live what the server renders under each post for this reader (the #live-post-tools
   * template): reaction buttons, the author's edit and delete, flag, the moderators' hide or show. They are the
   * same page forms, with this page's CSRF token.
   */
  function addTools(article, post) {
    if (!tools || !tools.content || post.deleted) {
      return;
    }
    var copy = document.importNode(tools.content, true);
    var viewer = tools.getAttribute('data-viewer');
    var mine = post.mine === true || (!!viewer && !!post.author && post.author.id === viewer);
    var keep = { mine: mine, 'not-mine': !mine, shown: !post.hidden, hidden: !!post.hidden };
    Array.prototype.forEach.call(copy.querySelectorAll('[data-when]'), function (node) {
      if (keep[node.getAttribute('data-when')]) {
        node.removeAttribute('data-when');
      } else {
        node.parentNode.removeChild(node);
      }
    });
    ['action', 'href', 'id', 'for'].forEach(function (name) {
      Array.prototype.forEach.call(copy.querySelectorAll('[' + name + '*="__POST__"]'), function (node) {
        node.setAttribute(name, node.getAttribute(name).split('__POST__').join(post.id));
      });
    });
    var reactions = copy.querySelector('.reactions');
    if (reactions) {
      var prototype = reactions.querySelector('form');
      reactions.removeChild(prototype);
      (post.reactions || []).forEach(function (reaction) {
        var form = prototype.cloneNode(true);
        var button = form.querySelector('button');
        form.querySelector('input[name="reaction"]').value = reaction.name;
        form.querySelector('input[name="mine"]').value = reaction.mine ? 'true' : 'false';
        form.querySelector('[data-label]').textContent =
          tools.getAttribute('data-text-' + reaction.name) || reaction.name;
        form.querySelector('.count').textContent = String(reaction.count);
        button.setAttribute('aria-pressed', reaction.mine ? 'true' : 'false');
        if (reaction.mine) {
          button.className += ' reaction-mine';
        }
        reactions.appendChild(form);
      });
    }
    article.appendChild(copy);
  }

  function addPost(post) {
    if (!post) {
      return;
    }
    var existing = document.getElementById('post-' + post.id);
    if (existing) {
      showBody(existing, post);
      showReactions(existing, post);
      existing.setAttribute('data-seq', String(post.seq));
      return;
    }
    var count = document.querySelector('[data-post-count]');
    if (count) {
      var total = (Number(count.getAttribute('data-post-count')) || 0) + 1;
      count.setAttribute('data-post-count', String(total));
      count.textContent = (count.getAttribute('data-template') || '{0}').replace('{0}', String(total));
    }
    var article = document.createElement('article');
    article.className = 'post card post-new';
    article.id = 'post-' + post.id;
    article.setAttribute('data-seq', String(post.seq));
    var meta = document.createElement('header');
    meta.className = 'post-meta';
    var author = document.createElement('span');
    author.className = 'post-author';
    author.textContent = post.author && post.author.name ? post.author.name : '';
    var link = document.createElement('a');
    link.className = 'post-permalink';
    link.href = post.url;
    link.title = posts.getAttribute('data-text-permalink') || '';
    var time = document.createElement('time');
    time.setAttribute('datetime', post.createdAt);
    time.textContent = timeFormat.format(new Date(post.createdAt));
    link.appendChild(time);
    var number = document.createElement('span');
    number.className = 'post-number';
    number.textContent = '#' + post.number;
    meta.appendChild(author);
    (post.organisations || []).forEach(function (org) {
      meta.appendChild(organisationLink(org, 'post-org'));
    });
    if (post.onBehalfOf) {
      var onBehalf = document.createElement('span');
      onBehalf.className = 'post-on-behalf';
      onBehalf.textContent = (posts.getAttribute('data-text-on-behalf') || '') + ' ';
      onBehalf.appendChild(organisationLink(post.onBehalfOf, ''));
      if (post.onBehalfOf.verified) {
        var badge = document.createElement('span');
        badge.className = 'badge badge-verified';
        badge.textContent = '✓ ' + (posts.getAttribute('data-text-verified') || '');
        onBehalf.appendChild(document.createTextNode(' '));
        onBehalf.appendChild(badge);
      }
      meta.appendChild(onBehalf);
    }
    meta.appendChild(link);
    meta.appendChild(number);
    article.appendChild(meta);
    showBody(article, post);
    showAttachments(article, post);
    addTools(article, post);
    posts.appendChild(article);
    if (!post.deleted) {
      addQuoteButton(article);
    }
    if (window.ForumRelativeTimes) {
      window.ForumRelativeTimes.refresh();
    }
  }

  function seen(seq) {
    if (typeof seq === 'number' && seq > lastSeq) {
      lastSeq = seq;
    }
  }

  function catchUp() {
    return window.fetch('/api/v1/threads/' + encodeURIComponent(threadId) + '/events?since=' + lastSeq, {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (response) {
      return response.ok ? response.json() : { posts: [] };
    }).then(function (changes) {
      (changes.posts || []).forEach(function (post) {
        addPost(post);
        seen(post.seq);
      });
    });
  }

  /** A moderator locked, unlocked, pinned or unpinned the thread: the badges and the reply form follow. */
  function showThreadState(event) {
    var pinned = document.querySelector('[data-state="pinned"]');
    var locked = document.querySelector('[data-state="locked"]');
    var lockedText = document.querySelector('[data-state="locked-text"]');
    var replyForm = document.getElementById('reply-form');
    if (pinned) {
      pinned.hidden = !event.pinned;
    }
    if (locked) {
      locked.hidden = !event.locked;
    }
    if (lockedText) {
      lockedText.hidden = !event.locked;
    }
    if (replyForm) {
      replyForm.hidden = !!event.locked;
    }
  }

  function onEvent(event) {
    if (!event || typeof event.seq !== 'number' || event.seq <= lastSeq) {
      return;
    }
    if (event.type === 'thread.changed') {
      showThreadState(event);
      if (event.seq === lastSeq + 1) {
        seen(event.seq);
        return;
      }
    }
    if (event.type === 'post.created' && event.seq === lastSeq + 1 && event.post) {
      addPost(event.post);
      seen(event.seq);
      if (window.ForumLive && window.ForumLive.announce) {
        window.ForumLive.announce((posts.getAttribute('data-text-new-reply') || '{0}')
          .replace('{0}', (event.post.author && event.post.author.name) || ''));
      }
      return;
    }
    if (event.type === 'post.reacted' && event.seq === lastSeq + 1 && event.post) {
      // New counts, the next change in order: applied as they are, without asking the server (a burst of
      // reactions would otherwise send every open page to catch up at once). A post of an earlier page is not
      // on this one: nothing to show.
      var reacted = document.getElementById('post-' + event.post.id);
      if (reacted) {
        showReactions(reacted, event.post);
      }
      seen(event.seq);
      return;
    }
    // An edit, a deletion, a hidden post, or something missed in between: the server has it all, as this reader
    // may see it.
    var upTo = event.seq;
    catchUp().then(function () { seen(upTo); });
  }

  var replyBody = document.getElementById('reply-body');
  var replyQuote = document.getElementById('reply-quote');

  /** "Quote": the selected passage of the post (or all of it) goes into the reply as a Markdown quote. */
  function addQuoteButton(article) {
    if (!replyBody || !replyQuote || article.querySelector('.quote-button')) {
      return;
    }
    var actions = article.querySelector('.post-actions');
    if (!actions) {
      actions = document.createElement('footer');
      actions.className = 'post-actions';
      article.appendChild(actions);
    }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button-quiet quote-button';
    button.textContent = posts.getAttribute('data-text-quote') || 'Quote';
    button.addEventListener('click', function () {
      var body = article.querySelector('.post-body');
      var selection = window.getSelection ? String(window.getSelection()) : '';
      var text = selection && body && body.contains(window.getSelection().anchorNode) ? selection
        : (body ? body.textContent : '');
      var author = article.querySelector('.post-author');
      var quoted = text.trim().split('\n').map(function (line) { return '> ' + line; }).join('\n');
      var attribution = author ? author.textContent + ':\n' : '';
      replyBody.value = (replyBody.value ? replyBody.value + '\n\n' : '') + attribution + quoted + '\n\n';
      replyQuote.value = article.id.replace(/^post-/, '');
      replyBody.focus();
    });
    actions.insertBefore(button, actions.firstChild);
  }

  Array.prototype.forEach.call(posts.querySelectorAll('article.post:not(.post-deleted)'), addQuoteButton);

  if (posts.getAttribute('data-follow') === 'true' && window.ForumLive) {
    window.ForumLive.follow('forum.thread.' + threadId, { onMessage: onEvent, onResume: catchUp });
  }

  /** @mention completion: typing "@ng" lists people the forum knows; choosing one completes the name. */
  var suggestions = document.getElementById('mention-suggestions');
  var mentionTimer = null;
  function mentionPrefix() {
    var before = replyBody.value.slice(0, replyBody.selectionStart);
    var match = /(^|\s)@([\w.\-]{1,40})$/.exec(before);
    return match ? match[2] : null;
  }
  function complete(username) {
    var caret = replyBody.selectionStart;
    var before = replyBody.value.slice(0, caret).replace(/@[\w.\-]{1,40}$/, '@' + username + ' ');
    replyBody.value = before + replyBody.value.slice(caret);
    replyBody.setSelectionRange(before.length, before.length);
    suggestions.hidden = true;
    replyBody.focus();
  }
  function suggest() {
    var prefix = mentionPrefix();
    if (!prefix) {
      suggestions.hidden = true;
      return;
    }
    window.fetch('/api/v1/people?q=' + encodeURIComponent(prefix), {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (response) {
      return response.ok ? response.json() : { people: [] };
    }).then(function (found) {
      suggestions.textContent = '';
      (found.people || []).forEach(function (person) {
        var item = document.createElement('li');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'mention-suggestion';
        button.setAttribute('data-username', person.username);
        button.textContent = '@' + person.username + (person.name ? ' · ' + person.name : '');
        button.addEventListener('click', function () { complete(person.username); });
        item.appendChild(button);
        suggestions.appendChild(item);
      });
      suggestions.hidden = !suggestions.firstChild;
    });
  }
  if (replyBody && suggestions && window.fetch) {
    replyBody.addEventListener('input', function () {
      window.clearTimeout(mentionTimer);
      mentionTimer = window.setTimeout(suggest, 150);
    });
  }

  var form = document.getElementById('reply-form');
  var draft = document.getElementById('reply-body');
  var key = 'forum.draft.' + threadId;
  if (form && draft && window.localStorage) {
    try {
      if (!draft.value) {
        draft.value = window.localStorage.getItem(key) || '';
      }
      draft.addEventListener('input', function () { window.localStorage.setItem(key, draft.value); });
      form.addEventListener('submit', function () { window.localStorage.removeItem(key); });
    } catch (e) {
      // storage may be disabled: drafts are a convenience only
    }
  }
}(window, document));
