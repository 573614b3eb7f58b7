from django.core.exceptions import ValidationError
from django.db import router


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
                    field = self.constraint_error_fields.get(constraint.name)
                    if field is None and error.code == "unique" and len(constraint.fields) == 1:
                        field = constraint.fields[0]
                    if field is None:
                        errors = error.update_error_dict(errors)
                    else:
                        errors.setdefault(field, []).append(error)
        if errors:
            raise ValidationError(errors)
