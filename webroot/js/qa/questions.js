/*
 * The Q&A page's copy of a session's questions: the newest version of each (by the seq of its last change), and
 * the lists each view shows, in order.
 */

const TOP_ON_PROJECTOR = 5;

/** When a question was asked (the API writes dates as ISO text; older answers as {$date}). */
export function created(q) {
  const value = q.createdAt && q.createdAt.$date ? q.createdAt.$date : q.createdAt;
  return value ? new Date(value) : new Date(0);
}

function byOrder(order) {
  return (a, b) => {
    if (order === 'votes' && b.votes !== a.votes) {
      return b.votes - a.votes;
    }
    return order === 'votes' ? created(a) - created(b) : created(b) - created(a);
  };
}

/** The questions of one session page, empty until the page loads them (qa.js). */
export function questionStore() {
  const questions = {};
  /** Vote counts ({type:"votes"} frames) of questions not held yet: kept until the question comes, if newer. */
  const laterCounts = {};

  function select(test, order, limit) {
    const list = Object.keys(questions).map((id) => questions[id]).filter(test);
    list.sort(byOrder(order));
    return limit ? list.slice(0, limit) : list;
  }

  const has = (status) => (q) => q.status === status;

  return {
    get(id) {
      return questions[id];
    },

    /**
     * Keeps q if it is newer than the copy's version; personal marks (mine, voted) survive public frames.
     * True when q was kept.
     */
    apply(q) {
      if (!q || q.type !== 'question') {
        return false;
      }
      const known = questions[q.id];
      if (known && known.seq >= q.seq) {
        return false;
      }
      // A count newer than q (a {type:"votes"} frame) keeps its votes: q says everything else.
      const later = known ? { seq: known.votesSeq || 0, votes: known.votes } : laterCounts[q.id];
      delete laterCounts[q.id];
      if (later && later.seq > q.seq) {
        q.votes = later.votes;
        q.votesSeq = later.seq;
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
      return true;
    },

    /**
     * Keeps a question's new vote count ({type:"votes", id, seq, votes}) if it is newer than the copy's votes; for
     * a question not held yet (its frame or the list still on the way), until it comes. True when the copy changed.
     * The copy's seq stays: a change stamped before the count (a moderator's answer, say) may still arrive after it,
     * and must still apply; its older count then gives way to this one (votesSeq).
     */
    applyVotes(count) {
      const known = questions[count.id];
      if (!known) {
        const later = laterCounts[count.id];
        if (!later || later.seq < count.seq) {
          laterCounts[count.id] = { seq: count.seq, votes: count.votes };
        }
        return false;
      }
      if (Math.max(known.seq, known.votesSeq || 0) >= count.seq) {
        return false;
      }
      known.votes = count.votes;
      known.votesSeq = count.seq;
      return true;
    },

    /** List name (as in the page's [data-list]) → its questions in order, for a view of the session. */
    lists(view, sort) {
      if (view === 'moderate') {
        return {
          pending: select(has('pending'), 'time'),
          live: select(has('highlighted'), 'votes').concat(select(has('approved'), 'votes')),
          answered: select(has('answered'), 'votes')
        };
      }
      if (view === 'present') {
        return {
          highlighted: select(has('highlighted'), 'votes', 1),
          top: select(has('approved'), 'votes', TOP_ON_PROJECTOR)
        };
      }
      return {
        highlighted: select(has('highlighted'), sort),
        mine: select((q) => q.status === 'pending' && q.mine, 'time'),
        open: select(has('approved'), sort),
        answered: select(has('answered'), sort)
      };
    }
  };
}
