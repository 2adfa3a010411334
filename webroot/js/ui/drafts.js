/*
 * Drafts: what someone types into a form (a new thread's title and text, a reply) survives a reload, a crash or a
 * failed post, and is forgotten once the post went through.
 *
 * A draft lives in the browser's localStorage under a key of the form's own (per category, per thread), as
 * {"fields": {fieldId: text}, "sent": boolean}. Sending the form only marks the draft as sent: the page a
 * successful post lands on forgets it (forgetSentDraft); any other page that shows the form again (the server's
 * "please correct", the back button, a reload) puts the text back and un-marks it. Nothing here is needed: without
 * storage (private windows, disabled storage) the forms work as before.
 */

function storage() {
  try {
    return window.localStorage || null;
  } catch (e) {
    return null;
  }
}

/** The draft under key, or null; a plain string (how replies were kept before) is the first field's text. */
function read(store, key, firstField) {
  const raw = store.getItem(key);
  if (!raw) {
    return null;
  }
  try {
    const draft = JSON.parse(raw);
    if (draft && typeof draft === 'object' && draft.fields && typeof draft.fields === 'object') {
      return draft;
    }
  } catch (e) {
    // an older plain-text draft
  }
  const fields = {};
  if (firstField) {
    fields[firstField] = raw;
  }
  return { fields: fields, sent: false };
}

function write(store, key, draft) {
  try {
    const empty = Object.keys(draft.fields).every((id) => !draft.fields[id]);
    if (empty) {
      store.removeItem(key);
    } else {
      store.setItem(key, JSON.stringify(draft));
    }
  } catch (e) {
    // storage full or refused: drafts are a convenience only
  }
}

/** Whether this page was reached by following a link or a redirect (not by the back button or a reload). */
function arrivedByNavigation() {
  const entries = window.performance && window.performance.getEntriesByType
    ? window.performance.getEntriesByType('navigation') : [];
  return !entries.length || entries[0].type === 'navigate';
}

/**
 * Keeps the text of fields (elements with ids, in form) under key: empty fields are filled from the draft on
 * load, every keystroke is kept, and sending the form marks the draft as sent.
 */
export function keepDraft(form, fields, key) {
  const store = storage();
  const kept = (Array.isArray(fields) ? fields : [fields]).filter((field) => field && field.id);
  if (!form || !kept.length || !store) {
    return;
  }
  try {
    const draft = read(store, key, kept[0].id) || { fields: {}, sent: false };
    kept.forEach((field) => {
      if (!field.value && draft.fields[field.id]) {
        field.value = draft.fields[field.id];
      }
    });
    const save = (sent) => {
      kept.forEach((field) => {
        draft.fields[field.id] = field.value;
      });
      draft.sent = sent;
      write(store, key, draft);
    };
    if (draft.sent) {
      save(false);
    }
    kept.forEach((field) => field.addEventListener('input', () => save(false)));
    form.addEventListener('submit', () => save(true));
  } catch (e) {
    // storage may be disabled: drafts are a convenience only
  }
}

/**
 * On the page a successful post lands on: forgets the draft under key if it was sent, unless this page shows the
 * form's error (the server asked for corrections) or was reached by the back button or a reload. matches(fields),
 * when given, must also agree that this page is what the draft became (a new thread's title).
 */
export function forgetSentDraft(key, matches) {
  const store = storage();
  if (!store || !arrivedByNavigation() || document.querySelector('.form-error')) {
    return;
  }
  try {
    const draft = read(store, key, null);
    if (draft && draft.sent && (!matches || matches(draft.fields))) {
      store.removeItem(key);
    }
  } catch (e) {
    // storage may be disabled
  }
}
