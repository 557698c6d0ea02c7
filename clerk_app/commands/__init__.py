"""Sub-commands of the command line, grouped by what they act on."""
