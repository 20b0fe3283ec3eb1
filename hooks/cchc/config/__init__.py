"""Settings: what a unit configures, the field reader, the URL scheme, errors, the build's clock."""
