// Filters entries and index links by name as you type; `?q=` or a `#name` opens the page on that entry.
/** The page's search, served as a file of its own (/docs/events.js): the CSP allows same-origin scripts only. */
export const EVENT_REFERENCE_SCRIPT = `
(function () {
  var input = document.getElementById('search');
  var entries = Array.prototype.slice.call(document.querySelectorAll('.entry'));
  var links = Array.prototype.slice.call(document.querySelectorAll('nav li'));
  var count = document.getElementById('count');
  function apply() {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    entries.forEach(function (el) {
      var hit = q === '' || el.getAttribute('data-name').indexOf(q) !== -1;
      el.classList.toggle('hidden', !hit);
      if (hit) shown++;
    });
    links.forEach(function (li) { li.classList.toggle('hidden', q !== '' && li.getAttribute('data-name').indexOf(q) === -1); });
    document.getElementById('guide').classList.toggle('hidden', q !== '');
    count.textContent = q === '' ? entries.length + ' commands and events' : shown + ' of ' + entries.length + ' match';
  }
  input.addEventListener('input', apply);
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && document.activeElement !== input) { e.preventDefault(); input.focus(); }
  });
  var q = new URLSearchParams(location.search).get('q');
  if (q) input.value = q;
  apply();
})();`;
