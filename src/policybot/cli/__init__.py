"""The ``policybot`` command: one module per command group, each registering its own sub-commands."""
