#!/bin/sh
# The opendata app's catalogue (src/smartvillage/opendata/locale) also holds the strings of the
# dataset declarations (core/datasets.py and every <app>/datasets.py): they are shown by the
# catalogue. makemessages scans only its working directory, so the declarations are linked in
# for the run (--symlinks) and the links removed after.
set -e
cd "$(dirname "$0")/../src/smartvillage/opendata"
mkdir -p _declarations
trap 'rm -rf _declarations' EXIT
for f in ../*/datasets.py; do
    app=$(basename "$(dirname "$f")")
    [ "$app" = opendata ] || ln -sf "../$f" "_declarations/$app.py"
done
../../../.venv/bin/django-admin makemessages -l fr -l en --no-obsolete
