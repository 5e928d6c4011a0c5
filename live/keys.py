"""The dependency keys live coverage's pages add to ``articles.dependencies``' vocabulary."""

# The breaking-news banners of every edition (the small fragment every page fetches).
BANNERS = "banners"
