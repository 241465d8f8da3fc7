"""The author's workflow around Pelican: build, serve, check and publish."""
