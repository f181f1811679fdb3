"""`python -m auditor_app` runs the same command line as `auditor-app`."""

import sys

from auditor_app.cli.main import main

sys.exit(main())
