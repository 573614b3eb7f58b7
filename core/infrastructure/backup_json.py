"""Django's JSON serializer without its loss of precision, for backups.

DjangoJSONEncoder cuts times to milliseconds (as ECMAScript does), so a backup written
with it would change every `updated_at` it restored. This one writes them whole; Django's
ordinary JSON deserializer reads them back.
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import Deserializer  # noqa: F401 - a serializer module has both


class PreciseEncoder(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", PreciseEncoder)
        super()._init_options()
