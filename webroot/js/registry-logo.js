/*
 * NGO registry, profile page: lets an organisation admin upload a logo. The form stays hidden without JavaScript
 * (the forum's forms carry no file uploads); with it, the chosen file is sent as it is to
 * PUT /api/v1/orgs/{slug}/logo with the session's CSRF token, and the page reloads to show the result.
 */
(function (window, document) {
  'use strict';

  var form = document.getElementById('logo-form');
  if (!form || !window.fetch) {
    return;
  }
  var status = document.getElementById('logo-status');
  form.hidden = false;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = form.querySelector('input[type=file]').files[0];
    if (!file) {
      return;
    }
    status.textContent = form.getAttribute('data-text-sending');
    window.fetch(form.getAttribute('data-endpoint'), {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-XSRF-TOKEN': csrfToken() },
      body: file
    }).then(function (response) {
      if (response.ok) {
        window.location.reload();
        return null;
      }
      return response.json().then(function (problem) {
        status.textContent = problem && problem.message ? problem.message : form.getAttribute('data-text-failed');
      });
    }).catch(function () {
      status.textContent = form.getAttribute('data-text-failed');
    });
  });
}(window, document));
