/*
 * Progress for the two slow things people do: sending files and downloading exports.
 *
 *   <form data-upload ...> with a [data-upload-status] inside (partials/upload-status.hbs): when a file is
 *   chosen, the form is sent by XMLHttpRequest so a progress bar can follow the upload; on success the browser
 *   goes where the server sent it, on failure the server's message (in the page's language) is shown and the
 *   form keeps everything typed. Without this module (or without a file chosen) the form posts as usual.
 *
 *   <a data-download data-status="id-of-a-status-element" href="/api/...export"> shows "preparing…" while the
 *   export is built, then saves the file; without this module it is an ordinary download link.
 *
 * Texts come from data-text-* attributes of the status elements, so they follow the page's language.
 */
function say(status, key, value) {
  const label = status.querySelector('[data-status-text]') || status;
  label.textContent = (status.getAttribute('data-text-' + key) || key).replace('{0}', value === undefined ? '' : value);
  status.setAttribute('data-state', key);
  status.hidden = false;
}

function hasFile(form) {
  return Array.prototype.some.call(form.querySelectorAll('input[type=file]'), function (input) {
    return input.files && input.files.length > 0;
  });
}

function enhanceUpload(form) {
  const status = form.querySelector('[data-upload-status]');
  if (!status || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  const bar = status.querySelector('progress');
  form.addEventListener('submit', function (event) {
    if (!hasFile(form) || form.getAttribute('aria-busy') === 'true') {
      return;
    }
    event.preventDefault();
    const buttons = form.querySelectorAll('button[type=submit], button:not([type])');
    const busy = function (on) {
      form.setAttribute('aria-busy', on ? 'true' : 'false');
      Array.prototype.forEach.call(buttons, function (button) { button.disabled = on; });
    };
    let shown = -10;
    const request = new window.XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.onprogress = function (progress) {
      if (!progress.lengthComputable) {
        return;
      }
      const percent = Math.round(progress.loaded * 100 / progress.total);
      bar.value = percent;
      if (percent - shown >= 10 || percent === 100) {
        shown = percent;
        say(status, 'progress', percent);
      }
    };
    request.onload = function () {
      if (request.status < 400) {
        say(status, 'done');
        window.location.assign(request.responseURL || form.action);
        return;
      }
      busy(false);
      const page = new window.DOMParser().parseFromString(request.responseText, 'text/html');
      const message = page.querySelector('.form-error, .notice-error');
      say(status, 'failed');
      if (message) {
        status.querySelector('[data-status-text]').textContent = message.textContent;
      }
    };
    request.onerror = function () {
      busy(false);
      say(status, 'failed');
    };
    busy(true);
    bar.value = 0;
    say(status, 'progress', 0);
    request.send(new window.FormData(form));
  });
}

function fileName(response, fallback) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = disposition.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : fallback;
}

function enhanceDownload(link) {
  const status = document.getElementById(link.getAttribute('data-status'));
  if (!status || !window.fetch || !window.URL || !window.URL.createObjectURL) {
    return;
  }
  link.addEventListener('click', function (event) {
    event.preventDefault();
    if (link.getAttribute('aria-busy') === 'true') {
      return;
    }
    link.setAttribute('aria-busy', 'true');
    say(status, 'working');
    window.fetch(link.href, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      const name = fileName(response, link.getAttribute('data-download') || 'export');
      return response.blob().then(function (blob) {
        const url = window.URL.createObjectURL(blob);
        const save = document.createElement('a');
        save.href = url;
        save.download = name;
        save.hidden = true;
        document.body.appendChild(save);
        save.click();
        document.body.removeChild(save);
        window.setTimeout(function () { window.URL.revokeObjectURL(url); }, 60000);
        say(status, 'ready', name);
      });
    }).catch(function () {
      say(status, 'failed');
    }).then(function () {
      link.removeAttribute('aria-busy');
    });
  });
}

/** The names of the chosen files beside a picker (partials in the forms: .file-picker). */
function showChosenFiles(names) {
  const input = names.parentNode.querySelector('input[type=file]');
  const show = function () {
    const chosen = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    names.textContent = chosen.length ? chosen.join(', ') : names.getAttribute('data-text-none');
  };
  input.addEventListener('change', show);
  show();
}

document.querySelectorAll('[data-file-names]').forEach(showChosenFiles);
document.querySelectorAll('form[data-upload]').forEach(enhanceUpload);
document.querySelectorAll('a[data-download]').forEach(enhanceDownload);
