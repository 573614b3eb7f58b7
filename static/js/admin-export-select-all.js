// The export page's "Select all" box, bound here instead of in an inline onchange
// attribute, which the Content-Security-Policy blocks (templates/admin/import_export/export.html).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('input.select-toggle[name="select-all-toggle"]').forEach(function (box) {
    box.addEventListener("change", onSelectToggleChange);
  });
});
