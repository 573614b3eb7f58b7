'use strict';
// Long selects (the venue's time zone) become searchable with Select2, which Django's
// admin ships for its autocomplete fields. A static file, no inline script: the site's
// content security policy allows none. Without script the select stays a plain one.
{
    const $ = django.jQuery;
    $(function() {
        $('select.searchable-select').not('[name*=__prefix__]').select2({width: 'style'});
    });
}
