"""Commands: the `cchc` command line and its subcommands."""
