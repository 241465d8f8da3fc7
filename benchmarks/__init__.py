"""Build benchmark: this project against stock Pelican on a generated journal."""
