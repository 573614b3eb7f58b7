"""The editorial roles. The groups themselves are created by the migration
workshops/0004_editorial_groups, so every install has them."""

EDITORS = "Editors"
PUBLISHERS = "Publishers"
ROLES = {"editor": EDITORS, "publisher": PUBLISHERS}
