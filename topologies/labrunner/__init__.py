"""labrunner: run containerlab (*.clab.yml) topologies on Linux network
namespaces, without Docker.  See topologies/README.md and vglab.py (CLI)."""
