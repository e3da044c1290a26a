"""The thin command-line layer: one module per command, all logic lives in the library modules."""
