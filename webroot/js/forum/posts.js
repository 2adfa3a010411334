/*
 * The posts of a thread page (#posts) as they change while it is open: a post added live looks like the ones the
 * server rendered, and a changed post (edited, deleted, hidden, new reaction counts) is shown anew.
 *
 * Post HTML comes from the server, where it was sanitised when the post was written; names and times are set as
 * text. A post added live gets the reactions and actions the server would have rendered for this reader, from a
 * template the server rendered with the page (#live-post-tools). Texts come from the data-text-* attributes of
 * #posts, in the page's language.
 */
import { formatTime } from '../ui/time.js';
import { localised } from '../ui/text.js';

/**
 * The posts shown in section (#posts). onAdded(article, post) runs for each post added to the page (the thread
 * page gives it a quote button there).
 */
export function threadPosts(section, onAdded) {
  const lang = section.getAttribute('data-lang') || 'vi';
  const tools = document.getElementById('live-post-tools');
  const said = (key) => section.getAttribute('data-text-' + key) || '';

  function showBody(article, post) {
    const old = article.querySelector('.post-body');
    const flag = article.querySelector('.post-flag');
    if (flag) {
      flag.parentNode.removeChild(flag);
    }
    const body = document.createElement(post.deleted || !post.html ? 'p' : 'div');
    body.className = 'post-body';
    if (post.deleted) {
      body.className += ' muted';
      body.textContent = said('deleted');
    } else if (!post.html) {
      body.className += ' muted';
      body.textContent = said('hidden');
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
    (post.reactions || []).forEach((reaction) => {
      const input = article.querySelector('.reactions input[name="reaction"][value="' + reaction.name + '"]');
      const count = input && input.form ? input.form.querySelector('.count') : null;
      if (count) {
        count.textContent = String(reaction.count);
      }
    });
  }

  function organisationLink(org, className) {
    const link = document.createElement('a');
    if (className) {
      link.className = className;
    }
    link.href = '/orgs/' + encodeURIComponent(org.slug);
    link.textContent = localised(org.name, lang) || org.slug;
    return link;
  }

  /** The files of a post added live: images as thumbnails, every file as a download link. */
  function showAttachments(article, post) {
    if (!post.attachments || !post.attachments.length) {
      return;
    }
    const list = document.createElement('ul');
    list.className = 'attachments';
    post.attachments.forEach((file) => {
      const item = document.createElement('li');
      item.className = 'attachment';
      if (file.image && file.inlineUrl) {
        const imageLink = document.createElement('a');
        imageLink.href = file.url;
        const image = document.createElement('img');
        image.className = 'attachment-thumb';
        image.src = file.inlineUrl;
        image.alt = file.name;
        imageLink.appendChild(image);
        item.appendChild(imageLink);
      }
      const download = document.createElement('a');
      download.href = file.url;
      download.setAttribute('download', '');
      download.textContent = file.name;
      item.appendChild(download);
      list.appendChild(item);
    });
    article.appendChild(list);
  }

  /**
   * Gives a post added live what the server renders under each post for this reader (the #live-post-tools
   * template): reaction buttons, the author's edit and delete, flag, the moderators' hide or show. They are the
   * same page forms, with this page's CSRF token.
   */
  function addTools(article, post) {
    if (!tools || !tools.content || post.deleted) {
      return;
    }
    const copy = document.importNode(tools.content, true);
    const viewer = tools.getAttribute('data-viewer');
    const mine = post.mine === true || (!!viewer && !!post.author && post.author.id === viewer);
    const keep = { mine: mine, 'not-mine': !mine, shown: !post.hidden, hidden: !!post.hidden };
    copy.querySelectorAll('[data-when]').forEach((node) => {
      if (keep[node.getAttribute('data-when')]) {
        node.removeAttribute('data-when');
      } else {
        node.parentNode.removeChild(node);
      }
    });
    ['action', 'href', 'id', 'for'].forEach((name) => {
      copy.querySelectorAll('[' + name + '*="__POST__"]').forEach((node) => {
        node.setAttribute(name, node.getAttribute(name).split('__POST__').join(post.id));
      });
    });
    const reactions = copy.querySelector('.reactions');
    if (reactions) {
      const prototype = reactions.querySelector('form');
      reactions.removeChild(prototype);
      (post.reactions || []).forEach((reaction) => {
        const form = prototype.cloneNode(true);
        const button = form.querySelector('button');
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

  function countOneMore() {
    const count = document.querySelector('[data-post-count]');
    if (count) {
      const total = (Number(count.getAttribute('data-post-count')) || 0) + 1;
      count.setAttribute('data-post-count', String(total));
      count.textContent = (count.getAttribute('data-template') || '{0}').replace('{0}', String(total));
    }
  }

  function header(post) {
    const meta = document.createElement('header');
    meta.className = 'post-meta';
    const author = document.createElement(post.author && post.author.id ? 'a' : 'span');
    author.className = 'post-author';
    if (post.author && post.author.id) {
      author.href = '/people/' + encodeURIComponent(post.author.id);
    }
    // A former member (who closed their account) has no name left: the page says so in its language.
    const named = post.author && post.author.name;
    author.textContent = named || (post.author && post.author.id ? said('former') : '');
    const link = document.createElement('a');
    link.className = 'post-permalink';
    link.href = post.url;
    link.title = said('permalink');
    const time = document.createElement('time');
    time.setAttribute('datetime', post.createdAt);
    time.textContent = formatTime(new Date(post.createdAt), lang);
    link.appendChild(time);
    const number = document.createElement('span');
    number.className = 'post-number';
    number.textContent = '#' + post.number;
    meta.appendChild(author);
    (post.organisations || []).forEach((org) => meta.appendChild(organisationLink(org, 'post-org')));
    if (post.onBehalfOf) {
      const onBehalf = document.createElement('span');
      onBehalf.className = 'post-on-behalf';
      onBehalf.textContent = said('on-behalf') + ' ';
      onBehalf.appendChild(organisationLink(post.onBehalfOf, ''));
      if (post.onBehalfOf.verified) {
        const badge = document.createElement('span');
        badge.className = 'badge badge-verified';
        badge.textContent = '✓ ' + said('verified');
        onBehalf.appendChild(document.createTextNode(' '));
        onBehalf.appendChild(badge);
      }
      meta.appendChild(onBehalf);
    }
    meta.appendChild(link);
    meta.appendChild(number);
    return meta;
  }

  return {
    /** Shows a post as the server sent it: added at the end when new, shown anew when already on the page. */
    show(post) {
      if (!post) {
        return;
      }
      const existing = document.getElementById('post-' + post.id);
      if (existing) {
        showBody(existing, post);
        showReactions(existing, post);
        existing.setAttribute('data-seq', String(post.seq));
        return;
      }
      countOneMore();
      const article = document.createElement('article');
      article.className = 'post card post-new';
      article.id = 'post-' + post.id;
      article.setAttribute('data-seq', String(post.seq));
      article.appendChild(header(post));
      showBody(article, post);
      showAttachments(article, post);
      addTools(article, post);
      section.appendChild(article);
      onAdded(article, post);
    },

    /** New reaction counts of a post; a post of an earlier page is not on this one: nothing to show. */
    showReactions(post) {
      const article = document.getElementById('post-' + post.id);
      if (article) {
        showReactions(article, post);
      }
    }
  };
}
