"""`python -m consulent_app` is the same as `consulent-app`."""

import sys

from consulent_app.cli import main

sys.exit(main())
