/**
 * The progressive script (a few hundred bytes, never required): copy buttons, focus on the error
 * summary, a character counter. Every page works without it. Kept as a string module so the Lambda
 * bundle (esbuild) carries it without a loader; the browser tests exercise it.
 */
export const appJs = `(function () {
  'use strict';
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var target = document.getElementById(button.getAttribute('data-copy'));
      if (!target) return;
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        var label = button.textContent;
        button.textContent = button.getAttribute('data-copied') || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
  document.querySelectorAll('textarea[maxlength][data-count]').forEach(function (area) {
    var out = document.getElementById(area.getAttribute('data-count'));
    if (!out) return;
    var max = Number(area.getAttribute('maxlength'));
    var update = function () { out.textContent = area.value.length + ' / ' + max; };
    area.addEventListener('input', update);
    update();
  });
})();
`;
