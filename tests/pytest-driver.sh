#!/bin/sh
# Run one pytest file verbosely with Debian's python3 (automake's
# PY_LOG_COMPILER). Exit status is pytest's: anything not passed fails.
exec /usr/bin/python3 -m pytest -v -p no:cacheprovider -rA "$@"
