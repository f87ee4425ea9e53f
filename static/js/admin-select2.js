'use strict';
// The admin's autocomplete boxes (Select2) open a search field without an accessible name (axe: label, serious).
// When one opens, name its search field after the field's own label ("Förbund", or "Association" in English).
{
  const $ = window.django && window.django.jQuery;
  if ($) {
    $(document).on('select2:open', function (event) {
      const select = event.target;
      const label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
      const name = label ? label.textContent.replace(/:\s*$/, '').trim() : select.name;
      document.querySelectorAll('.select2-container--open .select2-search__field').forEach(function (field) {
        field.setAttribute('aria-label', name);
      });
    });
  }
}
