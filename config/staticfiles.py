"""Static files storage for production settings.

`{% static %}` asks the manifest storage for each file's hashed address on every use: a
lookup through `urljoin`, `unquote` and the manifest, about 0.1 ms each time. A page pays it
for every stylesheet and script in base.html, and an admin list once per yes/no icon (three
hundred on a list of a hundred people). The manifest is read once, when the storage is
created, so a name's address cannot change while the process runs: it is remembered.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed storage, with each name's address remembered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._addresses[name]
        except KeyError:
            address = self._addresses[name] = super().url(name)
            return address
