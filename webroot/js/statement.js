/*
 * Joint statement page (/consultations/{id}/statement): the list of signatories follows signatures and withdrawals
 * while the page is open.
 *
 * The page is complete without this module. It follows consultation.{id} (live.js), whose "signature" changes carry
 * the whole list of signatories ({org, name:{vi,en}, province:{vi,en}}); the list is drawn again from it, in the
 * page's language (data-lang), names set as text. Other changes of the consultation are only counted: the page knows
 * the seq it was rendered at (data-seq), and every (re)connection asks for what it missed
 * (/api/v1/consultations/{id}/events?since=), of which the last signature counts.
 */
import { follow } from './live.js';
import { getJson } from './ui/api.js';
import { announce } from './ui/announce.js';
import { element } from './ui/dom.js';

const root = document.querySelector('[data-signatories]');

function inLanguage(text, lang) {
  return (text && (text[lang] || text.vi || text.en)) || '';
}

function draw(signatories) {
  const lang = root.getAttribute('data-lang') || 'vi';
  root.replaceChildren();
  if (!signatories.length) {
    root.appendChild(element('p', 'muted', root.getAttribute('data-text-none')));
    return;
  }
  const list = element('ul', 'signatories');
  signatories.forEach((signatory) => {
    const item = element('li', 'signatory');
    const link = element('a', null, inLanguage(signatory.name, lang));
    link.href = '/orgs/' + encodeURIComponent(signatory.org);
    item.appendChild(link);
    item.append(' ');
    item.appendChild(element('span', 'badge badge-verified', root.getAttribute('data-text-verified')));
    const province = inLanguage(signatory.province, lang);
    if (province) {
      item.append(' ');
      item.appendChild(element('span', 'muted signatory-province', province));
    }
    list.appendChild(item);
  });
  root.appendChild(list);
}

if (root) {
  const id = root.getAttribute('data-signatories');
  let lastSeq = Number(root.getAttribute('data-seq')) || 0;

  const apply = (event) => {
    if (event.type === 'signature' && Array.isArray(event.signatories)) {
      const before = root.querySelectorAll('.signatory').length;
      draw(event.signatories);
      if (event.signatories.length !== before) {
        const title = document.getElementById('signatories-title');
        announce((title ? title.textContent.trim() + ': ' : '') + event.signatories.length);
      }
    }
    lastSeq = Math.max(lastSeq, event.seq);
  };

  const catchUp = () => getJson('/api/v1/consultations/' + encodeURIComponent(id) + '/events?since=' + lastSeq)
    .then((missed) => {
      const events = ((missed && missed.events) || []).filter((event) => event.seq > lastSeq);
      const signatures = events.filter((event) => event.type === 'signature');
      if (signatures.length) {
        apply(signatures[signatures.length - 1]);
      }
      events.forEach((event) => {
        lastSeq = Math.max(lastSeq, event.seq);
      });
    });

  follow('consultation.' + id, {
    onMessage: (event) => {
      if (!event || typeof event.seq !== 'number' || event.seq <= lastSeq) {
        return;
      }
      if (event.seq === lastSeq + 1 || event.type === 'signature') {
        apply(event);
      } else {
        catchUp();
      }
    },
    onResume: catchUp
  });
}
