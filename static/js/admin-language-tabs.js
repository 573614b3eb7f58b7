'use strict';
// One language at a time on the admin's change forms. The server groups the translated
// fields into one fieldset per language (class "translation-group translation-<code>",
// headed by the language's own name), so without script every language shows under its
// heading. This script turns those fieldsets into tabs: a tab per language with how many
// of its fields are filled ("Français 2/4"), and in inline rows only the chosen
// language's columns. A static file: the content security policy allows no inline script.
function startLanguageTabs() {
    const groups = Array.from(document.querySelectorAll('fieldset.translation-group'));

    function codeOf(group) {
        const found = Array.from(group.classList).find((name) => name.startsWith('translation-') && name !== 'translation-group');
        return found.slice('translation-'.length);
    }

    function inputsOf(group) {
        return Array.from(group.querySelectorAll('input[lang], textarea[lang]'));
    }

    function filled(group) {
        return inputsOf(group).filter((input) => input.value.trim() !== '').length;
    }

    function showLanguageColumns(code) {
        // Inline rows keep a column (tabular) or a line (stacked) per language: hide the
        // other languages'. A header cell goes with the cells of its column.
        document.querySelectorAll('.inline-group table').forEach((table) => {
            const hiddenColumns = new Set();
            table.querySelectorAll('tbody tr').forEach((row) => {
                Array.from(row.children).forEach((cell, index) => {
                    const input = cell.querySelector('[lang]');
                    if (!input) return;
                    const other = input.getAttribute('lang') !== code;
                    cell.hidden = other;
                    if (other) hiddenColumns.add(index);
                });
            });
            table.querySelectorAll('thead tr').forEach((row) => {
                Array.from(row.children).forEach((cell, index) => {
                    cell.hidden = hiddenColumns.has(index);
                });
            });
        });
        document.querySelectorAll('.inline-group div.form-row').forEach((line) => {
            const input = line.querySelector('[lang]');
            if (input) line.hidden = input.getAttribute('lang') !== code;
        });
    }

    if (groups.length > 1) {
        const tablist = document.createElement('div');
        tablist.setAttribute('role', 'tablist');
        tablist.className = 'language-tabs';
        const label = document.querySelector('meta[name="language-tabs-label"]');
        if (label) tablist.setAttribute('aria-label', label.content);
        const tabs = groups.map((group, index) => {
            const code = codeOf(group);
            const heading = group.querySelector('.fieldset-heading');
            const tab = document.createElement('button');
            tab.type = 'button';
            tab.id = 'language-tab-' + code;
            tab.setAttribute('role', 'tab');
            tab.className = 'language-tab';
            group.id = group.id || 'language-panel-' + code;
            group.setAttribute('role', 'tabpanel');
            group.setAttribute('aria-labelledby', tab.id);
            tab.setAttribute('aria-controls', group.id);
            const name = heading.querySelector('[lang]').cloneNode(true);
            const count = document.createElement('span');
            count.className = 'language-tab-count';
            tab.append(name, ' ', count);
            heading.hidden = true;
            tab.addEventListener('click', () => select(index, true));
            tab.addEventListener('keydown', (event) => {
                const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
                const rtl = document.documentElement.dir === 'rtl';
                if (step) select((index + (rtl ? -step : step) + groups.length) % groups.length, true);
                else if (event.key === 'Home') select(0, true);
                else if (event.key === 'End') select(groups.length - 1, true);
                else return;
                event.preventDefault();
            });
            return tab;
        });
        tablist.append(...tabs);
        groups[0].before(tablist);

        function updateCount(index) {
            const group = groups[index];
            const count = tabs[index].querySelector('.language-tab-count');
            const total = inputsOf(group).length;
            // A view-only page has no inputs to count.
            count.textContent = total ? filled(group) + '/' + total : '';
        }

        function select(index, focus) {
            groups.forEach((group, other) => {
                const chosen = other === index;
                group.hidden = !chosen;
                tabs[other].setAttribute('aria-selected', chosen ? 'true' : 'false');
                tabs[other].tabIndex = chosen ? 0 : -1;
            });
            if (focus) tabs[index].focus();
            showLanguageColumns(codeOf(groups[index]));
        }

        groups.forEach((group, index) => {
            updateCount(index);
            group.addEventListener('input', () => updateCount(index));
        });
        // After a refused save, open the first language with an error.
        const withError = groups.findIndex((group) => group.querySelector('.errorlist'));
        select(withError >= 0 ? withError : 0, false);
        document.addEventListener('formset:added', () => {
            const current = groups.findIndex((group) => !group.hidden);
            showLanguageColumns(codeOf(groups[current]));
        });
    }
}

// The admin loads form media in the page's head, before the form exists.
if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', startLanguageTabs);
} else {
    startLanguageTabs();
}
