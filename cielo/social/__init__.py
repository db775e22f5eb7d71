"""The social app: posts (published videos), follows, blocks, likes, comments, remixes, notifications and
the feeds. Plain async functions over an AsyncSession; no HTTP types here (api/ and web/ call these)."""
