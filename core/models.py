from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import router
from modeltranslation.utils import build_localized_fieldname

# Marks an error that another constraint of the same model already reported.
_DUPLICATE = object()


class ConstraintErrorsOnFieldsMixin:
    """Reports a violated database constraint on the form field that the editor must change.

    Django puts the error of a constraint over several fields (number unique within
    a series, end not before start) at the top of the form, away from the field.
    `constraint_error_fields` maps a constraint's name to the field that gets it.
    """

    constraint_error_fields: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    field = self._constraint_error_field(constraint, exclude)
                    if field is _DUPLICATE:
                        continue
                    if field is None and error.code == "unique" and len(constraint.fields) == 1:
                        field = constraint.fields[0]
                    if field is None:
                        errors = error.update_error_dict(errors)
                    else:
                        errors.setdefault(field, []).append(error)
        if errors:
            raise ValidationError(errors)

    def _constraint_error_field(self, constraint, exclude):
        name, _, language = constraint.name.partition("-")
        field = self.constraint_error_fields.get(name)
        if not language:
            return field
        # django-modeltranslation copies a constraint on a translated field once per
        # language ("unique_milestone_title_per_series-fr" on title_fr): its error
        # belongs on that language's field. The English copy repeats the original
        # constraint, whose column holds the English text, unless that one was skipped.
        if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE and field not in (exclude or ()):
            return _DUPLICATE
        return field and build_localized_fieldname(field, language)
