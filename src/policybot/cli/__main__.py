"""`python -m policybot.cli`."""

import sys

from policybot.cli.main import main

sys.exit(main())
