'use strict';
// Names that Django's admin and its add-ons leave out (axe-core, tests/browser/test_axe_alla_sidor_browser.py):
// tabular inlines' fields are named only by their column header, Select2 boxes and the export's "select all" by
// nothing, and the date shortcuts' names do not contain their visible text. Run once the admin's own scripts
// (Select2, DateTimeShortcuts, both on load) have built their widgets.
window.addEventListener('load', function () {
  window.setTimeout(function () {
    const sv = document.documentElement.lang !== 'en';
    const text = function (el) { return el ? el.textContent.replace(/[:*]\s*$/, '').replace(/\s+/g, ' ').trim() : ''; };
    const columnHeader = function (el) {
      const cell = el.closest('td');
      const table = el.closest('table');
      if (!cell || !table || !table.tHead) return '';
      const index = Array.prototype.indexOf.call(cell.parentNode.children, cell);
      return text(table.tHead.rows[0].cells[index]);
    };
    const nameFor = function (el) {
      const label = el.id ? document.querySelector('label[for="' + el.id + '"]') : null;
      return text(label) || columnHeader(el);
    };
    // Fields in tabular inlines: their column header is their name.
    document.querySelectorAll('.tabular td input:not([type=hidden]), .tabular td select, .tabular td textarea')
      .forEach(function (field) {
        if (!(field.labels && field.labels.length) && !field.getAttribute('aria-label')) {
          const name = columnHeader(field);
          if (name) field.setAttribute('aria-label', name);
        }
      });
    // Select2's combobox: the name of the select it stands for.
    document.querySelectorAll('.select2-selection[role=combobox]').forEach(function (box) {
      const container = box.closest('.select2-container');
      const select = container && container.previousElementSibling;
      const name = select && select.tagName === 'SELECT' ? nameFor(select) : '';
      if (name) {
        box.setAttribute('aria-label', name);
        box.removeAttribute('aria-labelledby');
        const rendered = box.querySelector('.select2-selection__rendered[role=textbox]');
        if (rendered) rendered.setAttribute('aria-label', name);
      }
    });
    // The tabular inlines' first column (the row's object) and the delete column can have empty headers.
    document.querySelectorAll('.tabular thead th').forEach(function (th) {
      if (!th.textContent.trim()) {
        const span = document.createElement('span');
        span.className = 'visually-hidden';
        const deletes = th.closest('table').querySelector('td.delete');
        span.textContent = th.classList.contains('original') ? (sv ? 'Post' : 'Item')
          : deletes ? (sv ? 'Ta bort' : 'Delete') : (sv ? 'Övrigt' : 'Other');
        th.appendChild(span);
      }
    });
    // "Today": the visible word is the name (the date it stands for is in the field beside it).
    document.querySelectorAll('.datetimeshortcuts a[aria-label]').forEach(function (a) { a.removeAttribute('aria-label'); });
    document.querySelectorAll('input.select-toggle').forEach(function (toggle) {
      if (!(toggle.labels && toggle.labels.length)) toggle.setAttribute('aria-label', sv ? 'Markera alla' : 'Select all');
    });
    const search = document.getElementById('searchbar');
    const searchHeading = document.getElementById('changelist-search-form');
    if (search && searchHeading) search.setAttribute('aria-label', text(searchHeading));
  }, 0);
});
