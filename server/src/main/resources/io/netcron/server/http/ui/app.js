// netcron dashboard: a little progressive enhancement; every page works without it.
document.addEventListener('DOMContentLoaded', () => {
  // the jobs filter applies as soon as a choice changes
  document.querySelectorAll('#filter select').forEach(select =>
    select.addEventListener('change', () => select.form.submit()));
});
