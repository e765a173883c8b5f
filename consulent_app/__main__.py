"""`python -m consulent_app` is the same as `consulent-app`."""

import multiprocessing
import sys

from consulent_app.cli import main

if __name__ == "__main__":
    # The frozen bundle starts worker processes for batch PDFs through this same entry point.
    multiprocessing.freeze_support()
    sys.exit(main())
