"""Reading: inputs to Articles — files, directories, HTML, URLs, JSON lines, feeds and sitemaps.

- `article`: the Article (normalised text, content hash) and `now_iso`.
- `errors`: ReadError / TransientError (under AttritionError) and the Failure record.
- `readers`: paths, URLs, feeds and `-` to Articles (or Failures naming the input).
- `webpage`: an HTML page to an Article (trafilatura).
- `fetch`: one polite GET.   `polite`: many, with per-host delay and retries.
- `listing`: a feed or sitemap document to its entries.   `pages`: a fetched page to an Article.

The lowest layer of the corpus: may import `attrition.extract` and
`attrition.errors` only, never store/ or anything above it.
"""
