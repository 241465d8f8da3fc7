"""Production settings: `invoke build --production`, `invoke publish`.

The environment variable SITEURL, when set, wins over the address below.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

# The site's public address: edit this placeholder once you have one (invoke
# publish warns while it is the placeholder: the feed's ids are made of it).
SITEURL = (os.environ.get("SITEURL") or "https://journal.example.com").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
# Drafts stay on this machine: the preview shows them (drafts/<slug>.html,
# linked from nowhere), the published site has no file of theirs.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
