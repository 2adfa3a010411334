/*
 * Thread page (/t/{id}): new replies appear without a reload, and the reply form helps (forum/reply.js).
 *
 * The page is complete without this module. On the thread's last page it follows forum.thread.{id} over the live
 * connection (live.js); each event carries the thread's sequence number. A new post is added, new reaction counts
 * are shown, a changed post (edited, deleted, hidden) is replaced, none is added twice, and after a reconnect (or
 * a number missed) the page asks the server for everything since the last number it saw. How a post looks is
 * forum/posts.js.
 */
import { follow } from './live.js';
import { announce } from './ui/announce.js';
import { getJson } from './ui/api.js';
import { showRelativeTimes } from './ui/relative-time.js';
import { threadPosts } from './forum/posts.js';
import { replyForm } from './forum/reply.js';
import { forgetNewThreadDraft } from './forum/new-thread.js';

const refreshTimes = showRelativeTimes(document.querySelector('[data-relative-times]'));
const section = document.getElementById('posts');
if (section) {
  forgetNewThreadDraft(section.getAttribute('data-category'), document.querySelector('.thread-header h1'));
  followThread(section);
}

function followThread(section) {
  const threadId = section.getAttribute('data-thread-id');
  let lastSeq = Number(section.getAttribute('data-seq')) || 0;
  const addQuoteButton = replyForm(section, threadId);
  const posts = threadPosts(section, (article, post) => {
    if (!post.deleted) {
      addQuoteButton(article);
    }
    refreshTimes();
  });

  function seen(seq) {
    if (typeof seq === 'number' && seq > lastSeq) {
      lastSeq = seq;
    }
  }

  function catchUp() {
    return getJson('/api/v1/threads/' + encodeURIComponent(threadId) + '/events?since=' + lastSeq)
      .then((changes) => {
        if (changes && changes.complete === false) {
          // Further behind than the changes the thread keeps: the page as it is now.
          window.location.reload();
          return;
        }
        ((changes && changes.posts) || []).forEach((post) => {
          posts.show(post);
          seen(post.seq);
        });
      });
  }

  /** A moderator locked, unlocked, pinned or unpinned the thread: the badges and the reply form follow. */
  function showThreadState(event) {
    const pinned = document.querySelector('[data-state="pinned"]');
    const locked = document.querySelector('[data-state="locked"]');
    const lockedText = document.querySelector('[data-state="locked-text"]');
    const replyForm = document.getElementById('reply-form');
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
      posts.show(event.post);
      seen(event.seq);
      announce((section.getAttribute('data-text-new-reply') || '{0}')
        .replace('{0}', (event.post.author && event.post.author.name) || ''));
      return;
    }
    if (event.type === 'post.reacted' && event.seq === lastSeq + 1 && event.post) {
      // New counts, the next change in order: applied as they are, without asking the server (a burst of
      // reactions would otherwise send every open page to catch up at once).
      posts.showReactions(event.post);
      seen(event.seq);
      return;
    }
    // An edit, a deletion, a hidden post, or something missed in between: the server has it all, as this reader
    // may see it.
    const upTo = event.seq;
    catchUp().then(() => seen(upTo));
  }

  if (section.getAttribute('data-follow') === 'true') {
    follow('forum.thread.' + threadId, { onMessage: onEvent, onResume: catchUp });
  }
}
