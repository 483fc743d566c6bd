"""Start policybot's web page and REST API on 127.0.0.1:7860 (index built or updated first)."""

import sys

from policybot.cli.main import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
